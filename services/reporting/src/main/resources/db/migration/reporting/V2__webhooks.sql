-- Webhooks to the client's callbackUrl on every terminal status. Tables written only by reporting.
-- Times are UTC. Runs on MariaDB 10.11 and MySQL 8.

-- Where a verification's result goes: the request's callbackUrl, kept until the verdict arrives (the
-- request and the result come from different topics, either may be projected first).
CREATE TABLE webhook_targets (
  verification_id VARCHAR(64)   NOT NULL PRIMARY KEY,
  client_id       VARCHAR(64)   NOT NULL,
  callback_url    VARCHAR(2048) NOT NULL,
  created_at      DATETIME(3)   NOT NULL
);

-- One webhook event per verification (its terminal status), persisted before the first send so a
-- restart loses none. The body is fixed at creation; each attempt signs it with a fresh timestamp.
CREATE TABLE webhook_deliveries (
  event_id        VARCHAR(80)   NOT NULL PRIMARY KEY,  -- X-Codac-Event-Id, the receiver's dedupe key
  verification_id VARCHAR(64)   NOT NULL,
  client_id       VARCHAR(64)   NOT NULL,
  callback_url    VARCHAR(2048) NOT NULL,
  endpoint        VARCHAR(300)  NOT NULL,              -- scheme://host:port, the circuit breaker's key
  body            TEXT          NOT NULL,
  state           VARCHAR(16)   NOT NULL,              -- PENDING, DELIVERED, GAVE_UP, REJECTED
  attempts        INT           NOT NULL,
  terminal_at     DATETIME(3)   NOT NULL,              -- when the verification reached its terminal status
  created_at      DATETIME(3)   NOT NULL,
  next_attempt_at DATETIME(3)   NOT NULL,
  give_up_at      DATETIME(3)   NOT NULL,
  lease_until     DATETIME(3)   NULL,                  -- an instance is sending it until then
  delivered_at    DATETIME(3)   NULL,
  last_error      VARCHAR(255)  NULL,
  INDEX idx_deliveries_due (state, next_attempt_at),
  INDEX idx_deliveries_verification (verification_id)
);

-- Every HTTP attempt, for the delivery log.
CREATE TABLE webhook_attempts (
  attempt_id      BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id        VARCHAR(80)   NOT NULL,
  verification_id VARCHAR(64)   NOT NULL,
  attempt_number  INT           NOT NULL,
  attempted_at    DATETIME(3)   NOT NULL,
  http_status     INT           NULL,
  error           VARCHAR(255)  NULL,
  duration_ms     INT           NOT NULL,
  INDEX idx_attempts_verification (verification_id)
);
