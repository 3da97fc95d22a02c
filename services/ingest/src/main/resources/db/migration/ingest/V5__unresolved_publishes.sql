-- An accepted request whose publish ended ambiguously (UNCONFIRMED), or was abandoned mid-publish (PUBLISHING), is
-- published again by a sweep under its own id, whether or not its client retries (a request without an
-- Idempotency-Key can never be retried into the same verification). The sweep rebuilds the very event from the
-- record, so the record keeps the client's metadata too (JSON object of strings; NULL: none — also for rows from
-- before this migration, which are republished without it). Runs on MariaDB 10.11 and MySQL 8.
ALTER TABLE accepted_verifications
  ADD COLUMN metadata TEXT NULL;

-- The sweep's query: unresolved states, oldest first.
CREATE INDEX idx_accepted_publish_state ON accepted_verifications (publish_state, created_at);
