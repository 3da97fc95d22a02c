-- The carrier watch's alerts: one row per degradation of a route (trunk × destination operator),
-- closed when the route recovers. Written only by reporting. Runs on MariaDB 10.11 and MySQL 8.
CREATE TABLE route_alerts (
  alert_id       BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  trunk_id       VARCHAR(64)  NOT NULL,
  operator       VARCHAR(100) NOT NULL,
  raised_at      DATETIME(3)  NOT NULL,   -- the time of the call that tipped it (event time, UTC)
  window_rate    DOUBLE       NOT NULL,
  baseline_rate  DOUBLE       NOT NULL,
  window_calls   BIGINT       NOT NULL,
  recovered_at   DATETIME(3)  NULL,
  recovered_rate DOUBLE       NULL,
  INDEX idx_route_alerts_route (trunk_id, operator, recovered_at),
  INDEX idx_route_alerts_raised (raised_at)
);
