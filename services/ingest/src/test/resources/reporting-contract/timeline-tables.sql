-- REPORTING'S CONTRACT, NOT INGEST'S SCHEMA.
-- A test copy of the two tables that reporting owns and migrates
-- (services/reporting/src/main/resources/db/migration/reporting/V1__timeline.sql) and that ingest only
-- reads to answer GET /v1/verifications/{id}. Tests create them to play reporting's part; ingest's own
-- migrations never do. Keep in step with reporting's migration (columns are added, never changed).

-- The query model behind GET /v1/verifications/{id}. Written only by reporting; ingest reads
-- verification_timeline and call_legs (their columns are a contract with ingest: add, never change).
-- All times are UTC.

CREATE TABLE verification_timeline (
  verification_id VARCHAR(64)  NOT NULL PRIMARY KEY,
  client_id       VARCHAR(64)  NOT NULL,
  phone_number    VARCHAR(20)  NOT NULL,
  method          VARCHAR(16)  NOT NULL,
  client_ref      VARCHAR(255) NULL,
  status          VARCHAR(16)  NOT NULL,   -- VerificationStatus name
  reason          VARCHAR(255) NULL,
  requested_at    DATETIME(3)  NOT NULL,   -- all times UTC
  expires_at      DATETIME(3)  NULL,
  completed_at    DATETIME(3)  NULL,
  updated_at      DATETIME(3)  NOT NULL,
  INDEX idx_timeline_client (client_id, requested_at)
);

CREATE TABLE call_legs (
  attempt_id      VARCHAR(64)  NOT NULL PRIMARY KEY,  -- = ARI channel id
  verification_id VARCHAR(64)  NOT NULL,
  attempt_number  INT          NULL,
  trunk_id        VARCHAR(64)  NOT NULL,
  server_id       VARCHAR(64)  NOT NULL,
  state           VARCHAR(16)  NOT NULL,   -- DIALING, RINGING, EARLY_MEDIA, ANSWERED, ENDED, REJECTED
  started_at      DATETIME(3)  NULL,
  ringing_at      DATETIME(3)  NULL,
  answered_at     DATETIME(3)  NULL,
  ended_at        DATETIME(3)  NULL,
  q850_cause      INT          NULL,
  cause_text      VARCHAR(128) NULL,
  outcome         VARCHAR(24)  NULL,       -- OutcomeClass name, from the VerificationCompleted attempts
  INDEX idx_legs_verification (verification_id)
);
