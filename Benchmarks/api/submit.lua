-- wrk script: POST /v1/applications with varied, valid applications and a unique
-- Idempotency-Key per request. The API key comes from the environment (CREDITGATE_KEY).
-- Used by Benchmarks/api/run-api-bench; see BENCHMARKS.md.

local threads = {}
local next_thread = 1

function setup(thread)
   thread:set("thread_id", next_thread)
   next_thread = next_thread + 1
   table.insert(threads, thread)
end

function init(args)
   counter = 0
   run = os.getenv("CREDITGATE_RUN") or tostring(os.time())
   key = os.getenv("CREDITGATE_KEY")
   math.randomseed(thread_id * 7919 + os.time())
end

local countries = { "IE", "GB", "DE", "FR", "NL", "ES", "IT", "SE" }
local industries = { "5045", "3423", "7372", "1799", "4213", "5812" }

local function trade_refs()
   local n = math.random(0, 3)
   local refs = {}
   for i = 1, n do
      refs[i] = string.format('{"on_time_pct":%.2f}', 0.6 + math.random() * 0.4)
   end
   return "[" .. table.concat(refs, ",") .. "]"
end

function request()
   counter = counter + 1
   local id = run .. "-" .. thread_id .. "-" .. counter
   local body = string.format(
      '{"customer":{"crm_id":"CRM-%s","legal_name":"Load Test %s Ltd","country":"%s"},'
      .. '"applicant":{"country":"%s","industry":"%s","years_in_business":%.1f,"annual_revenue":%d,'
      .. '"sanctions_hit":%s,"bankruptcy":false},'
      .. '"bureau":{"score":%d,"paydex":%d,"derogatory_marks":%d},'
      .. '"trade_references":%s,"requested":{"credit_limit":%d}}',
      id, id, "DE", countries[math.random(#countries)], industries[math.random(#industries)],
      math.random(1, 300) / 10, math.random(50000, 50000000),
      (math.random(100) == 1) and "true" or "false",
      math.random(450, 850), math.random(20, 90), math.random(0, 4), trade_refs(),
      math.random(1, 100) * 1000)
   return wrk.format("POST", "/v1/applications", {
      ["Authorization"] = "Bearer " .. key,
      ["Idempotency-Key"] = id,
      ["Content-Type"] = "application/json",
   }, body)
end

-- Any status other than 201 is counted and printed at the end.
local bad = 0
function response(status, headers, body)
   if status ~= 201 then
      bad = bad + 1
      if bad <= 3 then io.stderr:write("status " .. status .. ": " .. body .. "\n") end
   end
end
