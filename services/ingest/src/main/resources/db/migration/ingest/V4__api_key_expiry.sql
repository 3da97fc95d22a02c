-- Key rotation: when a client gets a new key, its previous keys stay valid until expires_at (the
-- overlap), then are refused. NULL: no expiry. Revocation (revoked_at) still takes effect at once.
ALTER TABLE api_keys
  ADD COLUMN expires_at DATETIME(3) NULL;
