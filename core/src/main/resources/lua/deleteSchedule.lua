--[[
  deleteSchedule: removes a schedule and its watermark. Fires already enqueued stay.
  KEYS[1] schedules (HASH id -> json)  KEYS[2] handled-until (HASH id -> epoch ms)
  KEYS[3] operation record (STRING, see includes/operation)
  ARGV[1] schedule id
  Output: 1 removed | 0 not found (a re-sent call answers what its first run answered)
]]
-- @include operation
local done = recorded(KEYS[3])
if done then return done end
local removed = redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return record(KEYS[3], removed)
