--[[
  fail: records a failed attempt of an active job held under the given lease. Retries it after the
  given delay while attempts remain and the error is retryable, otherwise moves it to failed.
  Keeps the error message and those of earlier attempts. Optionally fetches the next job.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] job key prefix  ARGV[2] job id  ARGV[3] lease token  ARGV[4] time offset ms (added to Redis TIME; 0 outside tests)
  ARGV[5] error message
  ARGV[6] retry delay ms (-1 = not retryable)  ARGV[7] default attempts  ARGV[8] default keep failed
  ARGV[9] default failed max age ms  ARGV[10] max events  ARGV[11] errors kept per job
  ARGV[12] fetch next (1/0)  ARGV[13] next lease token  ARGV[14] lease ms  ARGV[15] worker id
  ARGV[16] max delayed jobs promoted per call  ARGV[17] lease key prefix
  Output: {1, 1 retrying | 2 failed [, fetch output]} | {-1} not found | {-2} lease lost | {-3} wrong state
]]
-- @include common
-- @include moveToActive
local jobPrefix, id, token, now = ARGV[1], ARGV[2], ARGV[3], nowMs(ARGV[4])
local retryDelay, maxEvents = tonumber(ARGV[6]), ARGV[10]
local jobKey = jobPrefix .. id
-- The next token already holds a job: this call ran before and only its reply was lost.
if ARGV[12] == '1' and redis.call('EXISTS', ARGV[17] .. ARGV[13]) == 1 then
  local done = redis.call('HGET', jobKey, 'state')
  local again = (done == 'delayed' or done == 'waiting' or done == 'active') and 1 or 2
  return {1, again, moveToActive(jobPrefix, ARGV[17], now, ARGV[13], tonumber(ARGV[14]), ARGV[15], maxEvents)}
end
local f = redis.call('HMGET', jobKey, 'state', 'lease', 'attempts', 'rof', 'rofAge', 'errors', 'prio')
if not f[1] then return {-1} end
if f[2] ~= token then
  redis.call('HINCRBY', KEYS[6], 'staleResults', 1)
  return {-2}
end
if f[1] == 'failed' then return {1, 2} end
if f[1] == 'delayed' or f[1] == 'waiting' then return {1, 1} end
if f[1] ~= 'active' then return {-3} end

redis.call('ZREM', KEYS[3], id)
redis.call('DEL', ARGV[17] .. token)
local made = redis.call('HINCRBY', jobKey, 'atm', 1)
local errors = cjson.decode(f[6] or '[]')
errors[#errors + 1] = ARGV[5]
while #errors > tonumber(ARGV[11]) do table.remove(errors, 1) end
redis.call('HSET', jobKey, 'reason', ARGV[5], 'errors', cjson.encode(errors))

local outcome
if retryDelay >= 0 and made < tonumber(f[3] or ARGV[7]) then
  if retryDelay == 0 then
    requeue(jobPrefix, id, tonumber(f[7] or '0'))
  else
    redis.call('ZADD', KEYS[2], now + retryDelay, id)
    redis.call('HSET', jobKey, 'state', 'delayed')
  end
  pushMarker()
  emit(maxEvents, now, 'retrying', id, 'delayMs', retryDelay, 'attemptsMade', made)
  outcome = 1
else
  emit(maxEvents, now, 'failed', id, 'reason', ARGV[5])
  finish(jobPrefix, id, KEYS[5], tonumber(f[4] or ARGV[8]), tonumber(f[5] or ARGV[9]), now, {'state', 'failed'})
  outcome = 2
end
slotFreed()

if ARGV[12] == '1' then
  promoteDue(jobPrefix, now, tonumber(ARGV[16]))
  return {1, outcome, moveToActive(jobPrefix, ARGV[17], now, ARGV[13], tonumber(ARGV[14]), ARGV[15], maxEvents)}
end
return {1, outcome}
