--[[
  setLimits: per-queue limits enforced by fetch across all workers. '' removes a limit.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] max active jobs  ARGV[2] max jobs started per window  ARGV[3] window ms
  ARGV[4] queue name when only declared queues may be changed ('' = any)
  Output: 1 | -6 queue not declared (nothing written)
]]
-- @include common
if (ARGV[4] or '') ~= '' and redis.call('SISMEMBER', KEYS[12], ARGV[4]) == 0 then return -6 end
local fields = {'maxActive', 'rateMax', 'rateWindowMs'}
for i, field in ipairs(fields) do
  if ARGV[i] == '' then redis.call('HDEL', KEYS[6], field) else redis.call('HSET', KEYS[6], field, ARGV[i]) end
end
pushMarker()
return 1
