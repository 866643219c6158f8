-- Finishes one active job held under the given lease, applies retention, and with a next token hands the
-- same worker its next job. Safe to repeat: a next token already holding a job, or a job already completed,
-- means a first call ran and only its reply was lost.
-- Returns {1} | {1, moveToActive output} | {-1} not found | {-2} lease lost | {-3} wrong state.
-- Delayed jobs are promoted once per script call, however many jobs it completes (one Redis time for all).
local promotedThisCall = false

local function completeJob(jobPrefix, leasePrefix, now, id, token, result, keepDefault, ageDefault, maxEvents,
                           nextToken, leaseMs, worker, promoteBatch)
  if nextToken ~= '' and redis.call('EXISTS', leasePrefix .. nextToken) == 1 then
    return {1, moveToActive(jobPrefix, leasePrefix, now, nextToken, leaseMs, worker, maxEvents)}
  end
  local f = redis.call('HMGET', jobPrefix .. id, 'state', 'lease', 'roc', 'rocAge')
  if not f[1] then return {-1} end
  if f[2] ~= token then
    redis.call('HINCRBY', KEYS[6], 'staleResults', 1)
    return {-2}
  end
  if f[1] == 'completed' then return {1} end
  if f[1] ~= 'active' then return {-3} end

  redis.call('ZREM', KEYS[3], id)
  redis.call('DEL', leasePrefix .. token)
  local keep = tonumber(f[3] or keepDefault)
  -- A job removed at once needs no bookkeeping: skipping it is most of the cost of a no-op job.
  if keep ~= 0 then redis.call('HINCRBY', jobPrefix .. id, 'atm', 1) end
  emit(maxEvents, now, 'completed', id)
  finish(jobPrefix, id, KEYS[4], keep, tonumber(f[4] or ageDefault), now, {'state', 'completed', 'result', result})

  if nextToken ~= '' then
    if not promotedThisCall then
      promoteDue(jobPrefix, now, promoteBatch)
      promotedThisCall = true
    end
    return {1, moveToActive(jobPrefix, leasePrefix, now, nextToken, leaseMs, worker, maxEvents)}
  end
  -- Only when this worker takes no next job must a worker held back by the concurrency limit be woken.
  slotFreed()
  return {1}
end
