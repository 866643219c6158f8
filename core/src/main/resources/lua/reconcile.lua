--[[
  reconcile: after a failover, puts each given job back where its hash says it belongs, so nothing
  stays stuck: a hash in no state structure is re-filed, an active job without a lease entry goes
  back to waiting, and ids left in a structure without a hash are dropped.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] job key prefix  ARGV[2] time offset ms (added to Redis TIME; 0 outside tests)
  ARGV[3] max events  then job ids
  Output: {refiled, requeued, dropped}
]]
-- @include common
local jobPrefix, now, maxEvents = ARGV[1], nowMs(ARGV[2]), ARGV[3]
local sets = {waiting = KEYS[1], delayed = KEYS[2], active = KEYS[3], completed = KEYS[4], failed = KEYS[5]}
local refiled, requeued, dropped = 0, 0, 0
for i = 4, #ARGV do
  local id = ARGV[i]
  local f = redis.call('HMGET', jobPrefix .. id, 'state', 'prio', 'finished')
  local state = f[1]
  if not state then
    for _, key in pairs(sets) do dropped = dropped + redis.call('ZREM', key, id) end
  else
    for name, key in pairs(sets) do
      if name ~= state then redis.call('ZREM', key, id) end
    end
    if redis.call('ZSCORE', sets[state] or KEYS[1], id) == false then
      if state == 'active' or state == 'waiting' or not sets[state] then
        requeue(jobPrefix, id, tonumber(f[2] or '0'))
        redis.call('HSET', jobPrefix .. id, 'lease', '')
        emit(maxEvents, now, 'stalled', id, 'reason', 'reconciled')
        requeued = requeued + 1
      elseif state == 'delayed' then
        redis.call('ZADD', KEYS[2], now, id)
        refiled = refiled + 1
      else
        redis.call('ZADD', sets[state], tonumber(f[3] or now), id)
        refiled = refiled + 1
      end
    end
  end
end
if requeued + refiled > 0 then pushMarker() end
return {refiled, requeued, dropped}
