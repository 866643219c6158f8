--[[
  promote: a delayed job becomes waiting now.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues  KEYS[13] operation record (STRING, see includes/operation)
  ARGV[1] job key prefix  ARGV[2] job id  ARGV[3] time offset ms (added to Redis TIME; 0 outside tests)  ARGV[4] max events
  Output: 1 (also when a re-sent call finds its own record) | -1 not found | -3 not delayed
]]
-- @include common
-- @include operation
local done = recorded(KEYS[13])
if done then return done end
local jobPrefix, id = ARGV[1], ARGV[2]
local f = redis.call('HMGET', jobPrefix .. id, 'state', 'prio')
if not f[1] then return -1 end
if f[1] ~= 'delayed' then return -3 end
redis.call('ZREM', KEYS[2], id)
requeue(jobPrefix, id, tonumber(f[2] or '0'))
pushMarker()
emit(ARGV[4], nowMs(ARGV[3]), 'promoted', id)
return record(KEYS[13], 1)
