-- Partner topics and usage. Tables written only by reporting. Runs on MariaDB 10.11 and MySQL 8.

-- Results already re-published on their client's partner topic (codac.results.<clientId>.v1).
CREATE TABLE partner_publications (
  verification_id VARCHAR(64)  NOT NULL PRIMARY KEY,
  event_id        VARCHAR(128) NOT NULL,
  topic           VARCHAR(249) NOT NULL,
  published_at    DATETIME(3)  NOT NULL
);

-- One row per call attempt reported with a result; the attempt id is the ARI channel id, which joins
-- the carrier's CDR. Daily usage is the count of billable rows per client, day and outcome.
CREATE TABLE usage_calls (
  attempt_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
  verification_id VARCHAR(64)  NOT NULL,
  client_id       VARCHAR(64)  NOT NULL,
  usage_day       DATE         NOT NULL,   -- UTC
  outcome         VARCHAR(24)  NOT NULL,   -- OutcomeClass name, or UNKNOWN
  billable        BOOLEAN      NOT NULL,
  INDEX idx_usage_client_day (client_id, usage_day)
);
