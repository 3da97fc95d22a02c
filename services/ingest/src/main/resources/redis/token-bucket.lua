-- TokenBucket.take (io.codac.ingest.protection.domain), atomically, on the Redis server's clock so that
-- every gateway instance draws from the same bucket with the same time.
-- KEYS[1] the bucket; ARGV: tokens per second, burst, cost. Returns {allowed (1/0), wait in microseconds, 0}.
-- With KEYS[2], a phone number's counter for the hour (NumberGuard), and ARGV[4], how long to keep it in seconds:
-- only a request the bucket allowed is counted, and the third value is its place among the hour's requests for the
-- number (the same round trip as the bucket, instead of a second one).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1])
local at = tonumber(stored[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
local elapsed = math.max(0, now - at)
tokens = math.min(burst, tokens + elapsed * rate / 1000000)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - cost
  allowed = 1
else
  wait = math.ceil((1 - tokens) * 1000000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
-- a bucket left alone refills to full: forget it once it would be full again
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) * 1000 / rate) + 1000)
local count = 0
if allowed == 1 and KEYS[2] then
  count = redis.call('INCR', KEYS[2])
  if count == 1 then
    redis.call('EXPIRE', KEYS[2], tonumber(ARGV[4]))
  end
end
return {allowed, wait, count}
