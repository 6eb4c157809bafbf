-- Shared by the load scripts (bench/load/load.py runs wrk with one of them): the signed-in members'
-- tokens (QINQING_LOAD_TOKENS, one a line), taken in turn, and the summary printed as one JSON line.
local tokens = {}
local file = os.getenv("QINQING_LOAD_TOKENS")
if file then
  for line in io.lines(file) do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
end

counter = 0
threads = {}
thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("thread_number", thread_number)
  threads[#threads + 1] = thread
end

function init(args)
  -- Each thread starts at another member, so the members' requests interleave.
  counter = (thread_number or 1) * 7
end

-- The next member's Authorization header value.
function next_bearer()
  counter = counter + 1
  return "Bearer " .. tokens[(counter % #tokens) + 1]
end

function done(summary, latency, requests)
  local status = summary.errors.status or 0
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, "non2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max, status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
