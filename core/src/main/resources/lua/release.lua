--[[
  release: a worker shutting down hands an active job back to the front of waiting at once,
  without counting an attempt or a stall.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] job key prefix  ARGV[2] job id  ARGV[3] lease token  ARGV[4] time offset ms (added to Redis TIME; 0 outside tests)
  ARGV[5] max events  ARGV[6] lease key prefix
  Output: 1 | -1 not found | -2 lease lost | -3 not active
]]
-- @include common
local jobPrefix, id = ARGV[1], ARGV[2]
local jobKey = jobPrefix .. id
local f = redis.call('HMGET', jobKey, 'state', 'lease', 'prio')
if not f[1] then return -1 end
if f[2] ~= ARGV[3] then return -2 end
if f[1] ~= 'active' then return -3 end
redis.call('ZREM', KEYS[3], id)
redis.call('DEL', ARGV[6] .. ARGV[3])
-- Sequence 0 puts it ahead of the jobs of its own priority.
redis.call('ZADD', KEYS[1], string.format('%.0f', (MAX_PRIORITY - tonumber(f[3] or '0')) * BAND), id)
redis.call('HSET', jobKey, 'state', 'waiting', 'lease', '')
redis.call('HINCRBY', jobKey, 'ats', -1)
emit(ARGV[5], nowMs(ARGV[4]), 'released', id)
pushMarker()
return 1
