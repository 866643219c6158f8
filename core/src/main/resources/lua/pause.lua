--[[
  pause: the queue stops handing out jobs; running jobs finish normally.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] time offset ms (added to Redis TIME; 0 outside tests)  ARGV[2] max events
  ARGV[3] queue name when only declared queues may be changed ('' = any)
  Output: 1 | -6 queue not declared (nothing written)
]]
-- @include common
if (ARGV[3] or '') ~= '' and redis.call('SISMEMBER', KEYS[12], ARGV[3]) == 0 then return -6 end
redis.call('HSET', KEYS[6], 'paused', '1')
emit(ARGV[2], nowMs(ARGV[1]), 'paused', '')
return 1
