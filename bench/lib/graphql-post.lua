-- wrk script: POSTs GraphQL bodies, cycling through a list of bodies and a list of bearer tokens,
-- so that concurrent requests differ like real traffic does (both gateways merge identical
-- in-flight subgraph requests: one repeated body measures that, which the same-query scenario
-- does on purpose, not the router's own work).
-- When done, appends one JSON line with the figures to $RESULT_FILE.
--   BODY_FILE    JSON request bodies, one per line ({"query": ..., "variables": ...})
--   TOKENS_FILE  optional: bearer tokens, one per line, sent as Authorization
--   RESULT_FILE  where the JSON line goes
--   SCENARIO     the scenario's name, copied into the JSON line

local function lines(path)
  local out = {}
  if path == nil or path == "" then
    return out
  end
  for line in io.lines(path) do
    if line ~= "" then
      out[#out + 1] = line
    end
  end
  return out
end

local requests = {}
local next = 0
local threads = {}
-- answers that carry GraphQL errors (HTTP 200 with "errors"): partial data is not a success
gql_errors = 0

function setup(thread)
  threads[#threads + 1] = thread
end

function response(status, headers, body)
  if body ~= nil and string.find(body, '"errors"', 1, true) then
    gql_errors = gql_errors + 1
  end
end

function init(args)
  local bodies = lines(os.getenv("BODY_FILE"))
  local tokens = lines(os.getenv("TOKENS_FILE"))
  assert(#bodies > 0, "BODY_FILE has no bodies")
  -- request k pairs body k and token k (each list cycled): max(#bodies, #tokens) distinct requests
  for k = 0, math.max(#bodies, #tokens) - 1 do
    local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
    if #tokens > 0 then
      headers["Authorization"] = "Bearer " .. tokens[k % #tokens + 1]
    end
    requests[k + 1] = wrk.format("POST", nil, headers, bodies[k % #bodies + 1])
  end
end

function request()
  next = next % #requests + 1
  return requests[next]
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("RESULT_FILE"), "a"))
  local errors = summary.errors
  local with_errors = 0
  for _, thread in ipairs(threads) do
    with_errors = with_errors + (thread:get("gql_errors") or 0)
  end
  out:write(string.format(
    '{"scenario":"%s","requests":%d,"duration_us":%d,"rps":%.1f,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,' ..
    '"non_2xx":%d,"socket_errors":%d,"graphql_errors":%d}\n',
    os.getenv("SCENARIO") or "?", summary.requests, summary.duration,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout, with_errors))
  out:close()
end
