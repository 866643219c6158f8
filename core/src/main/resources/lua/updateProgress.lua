--[[
  updateProgress: stores a job's progress (json) and emits a progress event; checked against the lease.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] job key prefix  ARGV[2] job id  ARGV[3] lease token  ARGV[4] time offset ms (added to Redis TIME; 0 outside tests)
  ARGV[5] progress json
  ARGV[6] max events
  Output: 1 | -1 job not found | -2 lease no longer held
]]
-- @include common
local jobKey = ARGV[1] .. ARGV[2]
local f = redis.call('HMGET', jobKey, 'state', 'lease')
if not f[1] then return -1 end
if f[1] ~= 'active' or f[2] ~= ARGV[3] then return -2 end
redis.call('HSET', jobKey, 'progress', ARGV[5])
emit(ARGV[6], nowMs(ARGV[4]), 'progress', ARGV[2], 'progress', ARGV[5])
return 1
