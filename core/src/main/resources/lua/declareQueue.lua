--[[
  declareQueue: adds a queue to the registry, so it takes jobs even when only declared queues do; optionally
  sets its limits in the same step. Declaring a declared queue changes only the limits given.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] queue name  ARGV[2] max queues  ARGV[3] '1' = set the limits that follow ('' removes one)
  ARGV[4] max active jobs  ARGV[5] max jobs started per window  ARGV[6] window ms
  Output: 1 declared now | 0 was declared already | -7 a new queue beyond the max queues (nothing written)
]]
-- @include common
local known = redis.call('SISMEMBER', KEYS[12], ARGV[1]) == 1
if not known and redis.call('SCARD', KEYS[12]) >= tonumber(ARGV[2]) then return -7 end
redis.call('SADD', KEYS[12], ARGV[1])
if ARGV[3] == '1' then
  local fields = {'maxActive', 'rateMax', 'rateWindowMs'}
  for i, field in ipairs(fields) do
    if ARGV[3 + i] == '' then redis.call('HDEL', KEYS[6], field) else redis.call('HSET', KEYS[6], field, ARGV[3 + i]) end
  end
  pushMarker()
end
return known and 0 or 1
