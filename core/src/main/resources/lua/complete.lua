--[[
  complete: finishes an active job held under the given lease, applies retention, and optionally
  hands the same worker its next job in the same round trip.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] job key prefix  ARGV[2] job id  ARGV[3] lease token  ARGV[4] time offset ms (added to Redis TIME; 0 outside tests)
  ARGV[5] result json
  ARGV[6] default keep completed  ARGV[7] default completed max age ms  ARGV[8] max events
  ARGV[9] fetch next (1/0)  ARGV[10] next lease token  ARGV[11] lease ms  ARGV[12] worker id
  ARGV[13] max delayed jobs promoted per call  ARGV[14] lease key prefix
  Output: {1} | {1, fetch output (see fetch.lua)} | {-1} not found | {-2} lease lost | {-3} wrong state
]]
-- @include common
-- @include moveToActive
local jobPrefix, id, token, now = ARGV[1], ARGV[2], ARGV[3], nowMs(ARGV[4])
local maxEvents = ARGV[8]
-- The next token already holds a job: this call ran before and only its reply was lost.
if ARGV[9] == '1' and redis.call('EXISTS', ARGV[14] .. ARGV[10]) == 1 then
  return {1, moveToActive(jobPrefix, ARGV[14], now, ARGV[10], tonumber(ARGV[11]), ARGV[12], maxEvents)}
end
local f = redis.call('HMGET', jobPrefix .. id, 'state', 'lease', 'roc', 'rocAge')
if not f[1] then return {-1} end
if f[2] ~= token then
  redis.call('HINCRBY', KEYS[6], 'staleResults', 1)
  return {-2}
end
-- A retry after a lost reply finds its own work already done.
if f[1] == 'completed' then return {1} end
if f[1] ~= 'active' then return {-3} end

redis.call('ZREM', KEYS[3], id)
redis.call('DEL', ARGV[14] .. token)
local keep = tonumber(f[3] or ARGV[6])
-- A job removed at once needs no bookkeeping: skipping it is most of the cost of a no-op job.
if keep ~= 0 then redis.call('HINCRBY', jobPrefix .. id, 'atm', 1) end
emit(maxEvents, now, 'completed', id)
finish(jobPrefix, id, KEYS[4], keep, tonumber(f[4] or ARGV[7]), now, {'state', 'completed', 'result', ARGV[5]})

if ARGV[9] == '1' then
  promoteDue(jobPrefix, now, tonumber(ARGV[13]))
  return {1, moveToActive(jobPrefix, ARGV[14], now, ARGV[10], tonumber(ARGV[11]), ARGV[12], maxEvents)}
end
-- Only when this worker takes no next job must a worker held back by the concurrency limit be woken.
slotFreed()
return {1}
