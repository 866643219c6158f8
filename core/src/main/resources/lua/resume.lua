--[[
  resume: the queue hands out jobs again and idle workers are woken.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] time offset ms (added to Redis TIME; 0 outside tests)  ARGV[2] max events
  ARGV[3] queue name when only declared queues may be changed ('' = any)
  Output: 1 | -6 queue not declared (nothing written)
]]
-- @include common
if (ARGV[3] or '') ~= '' and redis.call('SISMEMBER', KEYS[12], ARGV[3]) == 0 then return -6 end
redis.call('HDEL', KEYS[6], 'paused')
pushMarker()
emit(ARGV[2], nowMs(ARGV[1]), 'resumed', '')
return 1
