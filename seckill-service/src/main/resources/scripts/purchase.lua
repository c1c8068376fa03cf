-- The purchase, in one atomic step: the token's single use, pause and window, per-user limit, stock, then
-- decrement, count the user, record the result and append the request to the stream. Nothing is written
-- unless every check passes (the used-token mark excepted: a token is spent by its first try), and a
-- crash cannot separate the decrement from the recorded request.
-- The token's signature, owner and expiry were checked by the service; Redis only makes it one-time.
-- KEYS: 1 meta, 2 stock, 3 buyers, 4 used-token mark, 5 requests, 6 results, 7 taken
-- ARGV: 1 userId, 2 quantity, 3 now (epoch ms), 4 orderId, 5 activityId, 6 traceparent (W3C; may be ""),
--       7 per-user limit in force (the operator's live override, else the sale's own),
--       8 how long the used-token mark is kept (ms: until the token has expired)
if not redis.call('SET', KEYS[4], '1', 'PX', ARGV[8], 'NX') then
  return {'TOKEN_INVALID', -1}
end

local meta = redis.call('HMGET', KEYS[1], 'start', 'end', 'limit', 'paused', 'price')
if not meta[1] then
  return {'NOT_FOUND', -1}
end
if meta[4] == '1' then
  return {'PAUSED', -1}
end
local now = tonumber(ARGV[3])
if now < tonumber(meta[1]) then
  return {'NOT_STARTED', -1}
end
if now >= tonumber(meta[2]) then
  return {'ENDED', -1}
end

local quantity = tonumber(ARGV[2])
local limit = tonumber(ARGV[7])
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if held + quantity > limit then
  return {'LIMIT_REACHED', -1}
end
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < quantity then
  return {'SOLD_OUT', stock}
end

redis.call('DECRBY', KEYS[2], quantity)
redis.call('HINCRBY', KEYS[3], ARGV[1], quantity)
redis.call('HSET', KEYS[6], ARGV[4], ARGV[1] .. '|QUEUED')
redis.call('HSET', KEYS[7], ARGV[4], quantity)
-- a RequestEntry (its fields in its order); the trace context rides along so the relay continues the trace
redis.call('XADD', KEYS[5], '*', 'orderId', ARGV[4], 'userId', ARGV[1], 'activityId', ARGV[5],
  'quantity', ARGV[2], 'unitPrice', meta[5], 'requestedAt', ARGV[3], 'traceparent', ARGV[6])
return {'ACCEPTED', stock - quantity}
