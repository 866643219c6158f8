--[[
  recoverStalled: jobs whose lease expired go back to waiting and count a stall; past the allowed
  stall count they fail with reason "stalled". Runs at most once per interval across all workers, and
  then also continues a retention trim a finish left unfinished (one batch per set).
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] job key prefix  ARGV[2] time offset ms (added to Redis TIME; 0 outside tests)
  ARGV[3] check interval ms  ARGV[4] max stalled count
  ARGV[5] max jobs per call  ARGV[6] max events  ARGV[7] default keep failed
  ARGV[8] default failed max age ms  ARGV[9] force (1 = ignore the interval guard)  ARGV[10] lease key prefix
  Output: {1, requeued, failed} | {0} another worker checked within the interval
]]
-- @include common
local jobPrefix, now, maxEvents = ARGV[1], nowMs(ARGV[2]), ARGV[6]
if ARGV[9] ~= '1' and not redis.call('SET', KEYS[11], '1', 'PX', ARGV[3], 'NX') then
  return {0}
end
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, tonumber(ARGV[5]))
local requeued, failed = 0, 0
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[3], id)
  local jobKey = jobPrefix .. id
  local f = redis.call('HMGET', jobKey, 'state', 'prio', 'rof', 'rofAge', 'lease')
  if f[1] == 'active' then
    -- Clearing the lease fences the vanished holder: its late complete/fail is refused.
    local stalls = redis.call('HINCRBY', jobKey, 'stalls', 1)
    redis.call('HSET', jobKey, 'lease', '')
    if f[5] and f[5] ~= '' then redis.call('DEL', ARGV[10] .. f[5]) end
    if stalls > tonumber(ARGV[4]) then
      redis.call('HINCRBY', jobKey, 'atm', 1)
      redis.call('HSET', jobKey, 'reason', 'stalled')
      emit(maxEvents, now, 'failed', id, 'reason', 'stalled')
      finish(jobPrefix, id, KEYS[5], tonumber(f[3] or ARGV[7]), tonumber(f[4] or ARGV[8]), now, {'state', 'failed'})
      failed = failed + 1
    else
      requeue(jobPrefix, id, tonumber(f[2] or '0'))
      emit(maxEvents, now, 'stalled', id, 'stalls', stalls)
      requeued = requeued + 1
    end
  end
end
if requeued > 0 then pushMarker() end

-- An idle queue gets no finishes to trim it further: continue here, clearing the note once converged.
local pending = redis.call('HMGET', KEYS[6], 'trimCompleted', 'trimFailed')
for i, setKey in ipairs({KEYS[4], KEYS[5]}) do
  if pending[i] then
    redis.call('HDEL', KEYS[6], trimField(setKey))
    trimFinished(setKey, jobPrefix, tonumber(pending[i]), 0, now)
  end
end
return {1, requeued, failed}
