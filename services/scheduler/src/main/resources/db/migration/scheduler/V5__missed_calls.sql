-- The missed-call flow (ADR 0008): the call each MISSED_CALL verification expects (from its number, to the dial-in
-- number the shopper was given), and the inbound calls the dialer adapters reported. Both are kept so that a match is
-- found whichever of a request and its shopper's call reaches the scheduler first. Rows older than the retention
-- (48 h) are deleted. Written only by the scheduler. Runs on MariaDB 10.11 and MySQL 8.

CREATE TABLE expected_calls (
  verification_id VARCHAR(64)  NOT NULL PRIMARY KEY,
  phone_number    VARCHAR(20)  NOT NULL,   -- E.164: the caller ID that answers it
  dial_in_number  VARCHAR(20)  NOT NULL,   -- E.164: the DID the shopper must ring
  requested_at    DATETIME(3)  NOT NULL,   -- UTC; a call before this (less the clock skew) does not answer it
  expires_at      DATETIME(3)  NOT NULL,   -- UTC; nor does a call at or after this
  INDEX idx_expected_calls_number (phone_number, requested_at),
  INDEX idx_expected_calls_expiry (expires_at)
);

CREATE TABLE inbound_calls (
  event_id      VARCHAR(128) NOT NULL PRIMARY KEY,  -- the adapter's event id (one per inbound channel)
  caller_number VARCHAR(20)  NOT NULL,              -- E.164 caller ID
  did           VARCHAR(20)  NOT NULL,              -- E.164 DID called
  server_id     VARCHAR(64)  NULL,
  called_at     DATETIME(3)  NOT NULL,              -- UTC, the adapter's clock
  INDEX idx_inbound_calls_caller (caller_number, did, called_at),
  INDEX idx_inbound_calls_time (called_at)
);
