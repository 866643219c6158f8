--[[
  deleteQueue: takes a queue out of the registry and drops its state structures in one step (UNLINK frees
  them in the background, so a large set does not block Redis). Job hashes and other per-id keys are swept
  afterwards in bounded batches by purgeQueueKeys.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues  KEYS[13] reserved ids
  ARGV[1] queue name  ARGV[2] '1' = delete even with waiting, delayed or active jobs
  Output: 1 deleted | 0 was not declared (its leftover keys are dropped all the same)
          | -8 unfinished jobs and not forced (nothing written)
]]
local unfinished = redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2]) + redis.call('ZCARD', KEYS[3])
if unfinished > 0 and ARGV[2] ~= '1' then return -8 end
local removed = redis.call('SREM', KEYS[12], ARGV[1])
for i = 1, 11 do redis.call('UNLINK', KEYS[i]) end
redis.call('UNLINK', KEYS[13])
return removed
