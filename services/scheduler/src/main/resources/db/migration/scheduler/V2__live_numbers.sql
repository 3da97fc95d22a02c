-- Numbers in a live call: a row per number, held by the one attempt that is live on it. The primary key is what
-- keeps a number out of two live calls at once (BRIEF §2), whichever listener thread, sweep or scheduler
-- instance places the second attempt: the row is inserted in the transaction that records the attempt (a
-- duplicate key means "number busy", nothing is written) and deleted in the transaction that finishes it
-- (ENDED, handed back, presumed lost). Written only by the scheduler. Runs on MariaDB 10.11 and MySQL 8.

CREATE TABLE live_numbers (
  phone_number     VARCHAR(20)  NOT NULL PRIMARY KEY,
  attempt_id       VARCHAR(64)  NOT NULL,
  verification_id  VARCHAR(64)  NOT NULL,
  since            DATETIME(3)  NOT NULL,   -- when the attempt was recorded (UTC)
  presumed_lost_at DATETIME(3)  NOT NULL,   -- if the attempt has not finished by then, the sweep presumes it lost
  UNIQUE KEY uq_live_numbers_attempt (attempt_id),
  INDEX idx_live_numbers_overdue (presumed_lost_at)
);

-- Attempts already live when this migration runs hold their numbers too (the first one per number wins).
INSERT IGNORE INTO live_numbers (phone_number, attempt_id, verification_id, since, presumed_lost_at)
SELECT v.phone_number, a.attempt_id, a.verification_id, a.placed_at, COALESCE(v.next_attempt_at, a.placed_at)
FROM attempts a JOIN verifications v ON v.id = a.verification_id
WHERE a.status IN ('PLACED', 'DIALING', 'RINGING', 'ANSWERED')
ORDER BY a.placed_at;

-- The sweep reads follow-ups (in progress, terminal) apart from waiting verifications: one range per status.
CREATE INDEX idx_verifications_status_due ON verifications (status, next_attempt_at);
DROP INDEX idx_verifications_due ON verifications;
