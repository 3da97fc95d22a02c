-- A client's own rate limit (a token bucket: requests per second on average, bursts up to rate_limit_burst).
-- NULL means the gateway's default (codac.ingest.rate-limit.*).
ALTER TABLE clients
  ADD COLUMN rate_limit_per_second INT NULL,
  ADD COLUMN rate_limit_burst      INT NULL;
