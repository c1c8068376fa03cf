-- Gives a cancelled or failed order's units back, once per order however often the event arrives.
-- KEYS: 1 stock, 2 buyers, 3 returned, 4 results
-- ARGV: 1 orderId, 2 userId, 3 quantity, 4 final status
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0  -- not a sale this Redis holds: nothing to give back to
end
if redis.call('SADD', KEYS[3], ARGV[1]) == 0 then
  return 0
end
redis.call('INCRBY', KEYS[1], ARGV[3])
if redis.call('HINCRBY', KEYS[2], ARGV[2], -tonumber(ARGV[3])) <= 0 then
  redis.call('HDEL', KEYS[2], ARGV[2])
end
redis.call('HSET', KEYS[4], ARGV[1], ARGV[2] .. '|' .. ARGV[4])
return 1
