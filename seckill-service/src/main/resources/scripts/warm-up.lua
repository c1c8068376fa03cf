-- Loads an activity into Redis. Idempotent: the definition is (re)written, but the stock counter is set
-- only if absent, so warming up again, from any instance, never resets units already sold.
-- KEYS: 1 meta, 2 stock
-- ARGV: 1 start, 2 end, 3 limit, 4 paused, 5 price, 6 stock
redis.call('HSET', KEYS[1], 'start', ARGV[1], 'end', ARGV[2], 'limit', ARGV[3], 'paused', ARGV[4], 'price', ARGV[5])
if redis.call('SET', KEYS[2], ARGV[6], 'NX') then
  return 1
end
return 0
