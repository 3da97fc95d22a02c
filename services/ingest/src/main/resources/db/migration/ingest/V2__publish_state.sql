-- Whether Kafka is known to have an accepted request. A request is recorded before it is published;
-- when the publish fails in a way that leaves open whether the broker appended it (a delivery timeout
-- after the batch was sent), the record must stay, so that a retry with the same Idempotency-Key
-- publishes the SAME verification id again instead of creating a second one.
--   PUBLISHING   recorded; its first publish is under way (or its gateway died during it)
--   UNCONFIRMED  the first publish ended without an acknowledgement; Kafka may or may not have it
--   PUBLISHED    the broker acknowledged it
-- Rows from before this migration were kept only once acknowledged (refused ones were deleted).
ALTER TABLE accepted_verifications
  ADD COLUMN publish_state VARCHAR(16) NOT NULL DEFAULT 'PUBLISHED';

-- New rows must say which state they are in: no default from now on.
ALTER TABLE accepted_verifications
  ALTER COLUMN publish_state DROP DEFAULT;
