-- Issue 5: each attempt's row is the outbox of its dial command (ADR 0007), and each verification records the
-- partition its request came from, so an instance sweeps and rebuilds only the verifications of its own partitions.
-- Runs on MariaDB 10.11 and MySQL 8.

ALTER TABLE verifications ADD COLUMN partition_id INT NULL;  -- NULL: recorded before partitions were; in every scope
CREATE INDEX idx_verifications_scope_due ON verifications (status, partition_id, next_attempt_at);

ALTER TABLE attempts
  ADD COLUMN dial_command    TEXT        NULL,  -- the DialCommand as published (EventCodec JSON); NULL before V3
  ADD COLUMN command_sent_at DATETIME(3) NULL;  -- when the broker acknowledged it; NULL: the relay publishes it again
CREATE INDEX idx_attempts_unsent ON attempts (status, command_sent_at, placed_at);

-- Attempts recorded before V3 had their command published without an outbox record: nothing to relay.
UPDATE attempts SET command_sent_at = placed_at WHERE command_sent_at IS NULL;
