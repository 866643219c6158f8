--[[
  extendLease: heartbeat for one or more leases, each checked against its token.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] job key prefix  ARGV[2] time offset ms (added to Redis TIME; 0 outside tests)  ARGV[3] lease ms  then pairs: job id, lease token
  Output: one status per pair: 1 extended | -1 job not found | -2 lease no longer held
]]
-- @include common
local jobPrefix, now, leaseMs = ARGV[1], nowMs(ARGV[2]), tonumber(ARGV[3])
local result = {}
for i = 4, #ARGV, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  local f = redis.call('HMGET', jobPrefix .. id, 'state', 'lease')
  if not f[1] then
    result[#result + 1] = -1
  elseif f[1] ~= 'active' or f[2] ~= token then
    result[#result + 1] = -2
  else
    redis.call('ZADD', KEYS[3], now + leaseMs, id)
    result[#result + 1] = 1
  end
end
return result
