-- Gives a cancelled or failed order's units back, once per order however often the event arrives, and
-- only the units the purchase script took for that order id and that user: no event can mint stock.
-- KEYS: 1 stock, 2 buyers, 3 returned, 4 results, 5 taken
-- ARGV: 1 orderId, 2 userId, 3 final status
-- Returns the units given back, 0 if they already were, -1 if this sale never took units for the order.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0  -- not a sale this Redis holds: nothing to give back to
end
local taken = tonumber(redis.call('HGET', KEYS[5], ARGV[1]) or '0')
if taken <= 0 then
  return -1
end
local entry = redis.call('HGET', KEYS[4], ARGV[1])
if not entry or string.sub(entry, 1, #ARGV[2] + 1) ~= ARGV[2] .. '|' then
  return -1  -- the order is someone else's
end
if redis.call('SADD', KEYS[3], ARGV[1]) == 0 then
  return 0
end
redis.call('INCRBY', KEYS[1], taken)
if redis.call('HINCRBY', KEYS[2], ARGV[2], -taken) <= 0 then
  redis.call('HDEL', KEYS[2], ARGV[2])
end
redis.call('HSET', KEYS[4], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
return taken
