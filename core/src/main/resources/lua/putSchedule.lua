--[[
  putSchedule: creates or replaces a schedule. A new schedule's watermark starts at now, so it never fires
  for times before it existed; a replaced schedule keeps its watermark.
  KEYS[1] schedules (HASH id -> json)  KEYS[2] handled-until (HASH id -> epoch ms)
  KEYS[3] operation record (STRING, see includes/operation)
  ARGV[1] schedule id  ARGV[2] schedule json  ARGV[3] now ms
  Output: 1 created | 0 replaced (a re-sent call answers what its first run answered)
]]
-- @include operation
local done = recorded(KEYS[3])
if done then return done end
local created = redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[3])
return record(KEYS[3], created)
