--[[
  advanceSchedule: records that every fire of a schedule up to a time was enqueued (or deliberately
  skipped). The watermark only grows, so racing dispatchers and retries cannot move it back, and a
  schedule deleted meanwhile gets no state back.
  KEYS[1] schedules (HASH id -> json)  KEYS[2] handled-until (HASH id -> epoch ms)
  ARGV[1] schedule id  ARGV[2] handled-until epoch ms
  Output: 1 advanced | 0 already at or past that time | -1 schedule not found
]]
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return -1 end
local current = redis.call('HGET', KEYS[2], ARGV[1])
if current and tonumber(current) >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
