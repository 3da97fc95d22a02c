-- Tables written only by ingest. Times are UTC. Runs on MariaDB 10.11 and MySQL 8.

CREATE TABLE clients (
  client_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
  name            VARCHAR(100) NOT NULL,
  -- kept in clear: reporting signs webhooks with it (HMAC-SHA256)
  webhook_secret  VARCHAR(128) NOT NULL,
  created_at      DATETIME(3)  NOT NULL
);

CREATE TABLE api_keys (
  key_id      VARCHAR(64) NOT NULL PRIMARY KEY,
  client_id   VARCHAR(64) NOT NULL,
  -- lower-case hex SHA-256 of the full key; the key itself is never stored
  key_hash    CHAR(64)    NOT NULL,
  -- the first characters of the key, for operators to tell keys apart
  key_prefix  VARCHAR(16) NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  revoked_at  DATETIME(3) NULL,
  CONSTRAINT uq_api_keys_hash UNIQUE (key_hash),
  CONSTRAINT fk_api_keys_client FOREIGN KEY (client_id) REFERENCES clients (client_id)
);

CREATE TABLE accepted_verifications (
  verification_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
  client_id        VARCHAR(64)   NOT NULL,
  phone_number     VARCHAR(20)   NOT NULL,   -- E.164
  method           VARCHAR(16)   NOT NULL,   -- VerificationMethod name
  client_ref       VARCHAR(255)  NULL,
  callback_url     VARCHAR(2048) NULL,
  idempotency_key  VARCHAR(255)  NULL,
  -- hex SHA-256 of the request body: a retry with the same key must carry the same body
  request_hash     CHAR(64)      NOT NULL,
  created_at       DATETIME(3)   NOT NULL,
  expires_at       DATETIME(3)   NOT NULL,
  dial_in_number   VARCHAR(20)   NULL,       -- MISSED_CALL only
  -- one verification per client and key, however many requests race (NULL keys do not collide)
  CONSTRAINT uq_accepted_idempotency UNIQUE (client_id, idempotency_key),
  INDEX idx_accepted_created (created_at)
);
