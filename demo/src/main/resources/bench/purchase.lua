-- ./seckill bench's load script for wrk: a shopper asks for a purchase token and, when one is issued,
-- buys one unit on the path the answer names. Run with as many threads as connections: each thread then
-- owns one connection, so its requests and answers alternate strictly and a purchase needs no state
-- shared between connections.
--   BENCH_SALE         the sale's path, e.g. /api/activities/123
--   BENCH_CREDENTIALS  a file prefix; thread i reads <prefix><i>, lines "<bearer token> <client address>"
--                      (the gateway's login tokens: seckill-service verifies the same token directly)
-- Prints the answers to token requests and to buys by status, for the bench to count purchases.
local sale = os.getenv("BENCH_SALE")
local credentials = os.getenv("BENCH_CREDENTIALS")

local threads = {}
function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

local shoppers = {}
local next_shopper = 1
local current = nil
local buy_path = nil
token_answers = {}
buy_answers = {}

function init(args)
  for line in io.lines(credentials .. index) do
    local bearer, address = string.match(line, "^(%S+)%s+(%S+)$")
    if bearer then
      table.insert(shoppers, {["Authorization"] = "Bearer " .. bearer, ["X-Forwarded-For"] = address})
    end
  end
end

function request()
  if buy_path then
    local headers = {["Content-Type"] = "application/json"}
    for k, v in pairs(current) do headers[k] = v end
    return wrk.format("POST", buy_path, headers, '{"quantity":1}')
  end
  current = shoppers[next_shopper]
  next_shopper = next_shopper % #shoppers + 1
  return wrk.format("POST", sale .. "/purchase-token", current)
end

function response(status, headers, body)
  if buy_path then
    buy_answers[status] = (buy_answers[status] or 0) + 1
    buy_path = nil
  else
    token_answers[status] = (token_answers[status] or 0) + 1
    if status == 200 then
      buy_path = string.match(body, '"purchasePath":"([^"]+)"')
    end
  end
end

function done(summary, latency, requests)
  for _, kind in ipairs({"token", "buy"}) do
    local totals = {}
    for _, thread in ipairs(threads) do
      for status, n in pairs(thread:get(kind .. "_answers")) do totals[status] = (totals[status] or 0) + n end
    end
    for status, n in pairs(totals) do io.write(string.format("BENCH %s %d %d\n", kind, status, n)) end
  end
end
