-- The scheduler's ledger: verifications and their attempts. Written only by the scheduler, which rebuilds
-- its state from these tables after a restart. All times are UTC. Runs on MariaDB 10.11 and MySQL 8.

CREATE TABLE verifications (
  id              VARCHAR(64)  NOT NULL PRIMARY KEY,
  client_id       VARCHAR(64)  NOT NULL,
  phone_number    VARCHAR(20)  NOT NULL,
  method          VARCHAR(16)  NOT NULL,   -- VerificationMethod name
  status          VARCHAR(16)  NOT NULL,   -- VerificationStatus name
  reason          VARCHAR(255) NULL,
  requested_at    DATETIME(3)  NOT NULL,
  expires_at      DATETIME(3)  NOT NULL,
  attempts_made   INT          NOT NULL DEFAULT 0,  -- attempts that may have reached a carrier
  next_attempt_at DATETIME(3)  NULL,       -- when the sweep next looks at it (place, presume lost, republish); NULL = nothing to do
  completed_at    DATETIME(3)  NULL,
  version         BIGINT       NOT NULL DEFAULT 0,  -- optimistic lock: every write is "WHERE version = <read>"
  INDEX idx_verifications_due (next_attempt_at)
);

CREATE TABLE attempts (
  attempt_id      VARCHAR(64)  NOT NULL PRIMARY KEY,  -- = the ARI channel id
  verification_id VARCHAR(64)  NOT NULL,
  attempt_number  INT          NOT NULL,
  trunk_id        VARCHAR(64)  NOT NULL,
  server_id       VARCHAR(64)  NOT NULL,
  status          VARCHAR(16)  NOT NULL,   -- PLACED, DIALING, RINGING, ANSWERED (live); ENDED, REJECTED, LOST
  placed_at       DATETIME(3)  NOT NULL,
  ended_at        DATETIME(3)  NULL,
  outcome         VARCHAR(24)  NULL,       -- OutcomeClass name
  q850_cause      INT          NULL,
  alerted         BOOLEAN      NOT NULL DEFAULT FALSE,
  INDEX idx_attempts_verification (verification_id, placed_at),
  INDEX idx_attempts_status (status)
);
