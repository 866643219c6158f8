--[[
  purgeQueueKeys: one bounded batch of a deleted queue's remaining keys (job hashes, payloads, leases,
  markers, records), found by SCAN. Stops without deleting when the queue was declared again meanwhile, so
  the sweep never removes a live job.
  KEYS[1] queues  KEYS[2] a key of the deleted queue, and so every key after it (up to the batch size)
  ARGV[1] queue name
  Output: keys unlinked | -1 the queue is declared again (nothing written)
]]
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return -1 end
local n = 0
for i = 2, #KEYS do n = n + redis.call('UNLINK', KEYS[i]) end
return n
