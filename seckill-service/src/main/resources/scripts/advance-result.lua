-- Moves a purchase's visible status forward only (events may arrive late or twice).
-- KEYS: 1 results   ARGV: 1 orderId, 2 userId, 3 status
local rank = {QUEUED = 0, CREATED = 1, PAID = 2, CANCELLED = 2, FAILED = 2}
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local status = string.match(current, '|(%u+)$')
  if status and rank[status] >= rank[ARGV[3]] then
    return 0
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
return 1
