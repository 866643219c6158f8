--[[
  remove: deletes a waiting, delayed, completed or failed job; an active job is refused.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues  KEYS[13] operation record (STRING, see includes/operation)
  ARGV[1] job key prefix  ARGV[2] job id  ARGV[3] time offset ms (added to Redis TIME; 0 outside tests)  ARGV[4] max events
  Output: 1 (also when a re-sent call finds its own record) | -1 not found | -3 active
]]
-- @include common
-- @include operation
local done = recorded(KEYS[13])
if done then return done end
local jobPrefix, id = ARGV[1], ARGV[2]
local state = redis.call('HGET', jobPrefix .. id, 'state')
if not state then return -1 end
if state == 'active' then return -3 end
local sets = {waiting = KEYS[1], delayed = KEYS[2], completed = KEYS[4], failed = KEYS[5]}
for _, key in pairs(sets) do redis.call('ZREM', key, id) end
deleteJob(jobPrefix, id)
emit(ARGV[4], nowMs(ARGV[3]), 'removed', id, 'state', state)
return record(KEYS[13], 1)
