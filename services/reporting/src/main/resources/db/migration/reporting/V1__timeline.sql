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

-- A result whose request reporting has not projected yet (the two come from different topics and
-- consumers). The timeline row needs the request's client, number and method, which a result does
-- not fully carry, so the verdict waits here and the request's projection applies it. Rows are
-- removed once applied; this table is reporting's alone.
CREATE TABLE results_awaiting_request (
  verification_id VARCHAR(64)  NOT NULL PRIMARY KEY,
  status          VARCHAR(16)  NOT NULL,
  reason          VARCHAR(255) NULL,
  completed_at    DATETIME(3)  NOT NULL,
  received_at     DATETIME(3)  NOT NULL
);
