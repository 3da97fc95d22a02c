-- Servers an operator drained through the scheduler (POST /v1/fleet/servers/{id}/drain): no scheduler instance places
-- new work on them until resumed. Durable, so a drain survives restarts and is seen by every instance.
-- Written only by the scheduler. Runs on MariaDB 10.11 and MySQL 8.

CREATE TABLE server_drains (
  server_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
  drained_at DATETIME(3)  NOT NULL,   -- UTC
  reason     VARCHAR(255) NULL
);
