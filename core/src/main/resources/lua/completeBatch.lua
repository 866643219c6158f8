--[[
  completeBatch: completes several active jobs of one worker in one call, each as complete.lua does, and
  leases the next job for each that asks (so one call finishes many jobs and leases the next many).
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] job key prefix  ARGV[2] time offset ms (added to Redis TIME; 0 outside tests)
  ARGV[3] default keep completed  ARGV[4] default completed max age ms  ARGV[5] max events
  ARGV[6] lease ms  ARGV[7] worker id  ARGV[8] max delayed jobs promoted per call  ARGV[9] lease key prefix
  ARGV[10] job count, then 4 per job: id, lease token, result json, next lease token ('' = take no next job)
  Output: one complete.lua output per job, in order: {1} | {1, fetch output (see fetch.lua)} | {-1} not found
          | {-2} lease lost | {-3} wrong state
]]
-- @include common
-- @include moveToActive
-- @include completeJob
local jobPrefix, now = ARGV[1], nowMs(ARGV[2])
-- One wake-up marker for the whole call, if its jobs left any waiting, instead of one per leased job.
marker.deferred = true
local out = {}
for i = 0, tonumber(ARGV[10]) - 1 do
  local b = 11 + i * 4
  out[#out + 1] = completeJob(jobPrefix, ARGV[9], now, ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[3], ARGV[4], ARGV[5],
    ARGV[b + 3], tonumber(ARGV[6]), ARGV[7], tonumber(ARGV[8]))
end
if marker.wanted and redis.call('ZCARD', KEYS[1]) > 0 then pushMarker() end
return out
