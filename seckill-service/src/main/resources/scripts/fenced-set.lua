-- A write by the reconciliation runner, accepted only if its fencing token is not older than the
-- newest token seen: a runner that lost its lock (paused, partitioned) cannot overwrite a newer one.
-- KEYS: 1 fence, 2 target   ARGV: 1 token, 2 value
local newest = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) < newest then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
return 1
