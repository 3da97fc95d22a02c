-- Route alerts are also published on codac.fleet.route-alerts.v1. Each transition is written here
-- first (the outbox) and marked once the broker acknowledged its event, so a failed publication is
-- retried and a restart neither loses nor repeats one. Runs on MariaDB 10.11 and MySQL 8.
ALTER TABLE route_alerts
  ADD COLUMN server_id               VARCHAR(64) NULL,   -- the server owning the trunk (null on alerts older than this)
  ADD COLUMN recovered_baseline_rate DOUBLE      NULL,
  ADD COLUMN recovered_window_calls  BIGINT      NULL,
  ADD COLUMN raised_published_at     DATETIME(3) NULL,
  ADD COLUMN recovered_published_at  DATETIME(3) NULL;

-- Alerts from before the topic existed are history, not news: they are not published (a recovery still
-- to come is).
UPDATE route_alerts SET raised_published_at = raised_at, recovered_published_at = recovered_at;

