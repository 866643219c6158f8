-- Hands the next waiting job to a worker under a lease. The lease key (token -> job id, deleted when the
-- job leaves active, expiring with the lease at the latest) makes a retried call idempotent: the same
-- token gets the same job back, not a second one.
-- Returns {1, id, legacy payload, hgetall} | {0, ms until the next delayed job is due, or -1} (empty) | {2} (paused)
--       | {3} (global concurrency reached) | {4, waitMs} (rate limited).
-- The payload is the hash's 'data' field; a job enqueued before it moved there keeps it in <job>:data.
local function legacyData(jobKey, fields)
  for i = 1, #fields, 2 do
    if fields[i] == 'data' then return '' end
  end
  return redis.call('GET', jobKey .. ':data') or ''
end

-- Per script call: the queue's meta is read once however many jobs the call leases (no script in between can
-- change it), and a call leasing many jobs may defer the wake-up marker to its end (see completeBatch).
local queueMeta
local marker = {deferred = false, wanted = false}

local function moveToActive(jobPrefix, leasePrefix, now, token, leaseMs, worker, maxEvents)
  local leaseKey = leasePrefix .. token
  local held = redis.call('GET', leaseKey)
  if held then
    local heldKey = jobPrefix .. held
    local h = redis.call('HMGET', heldKey, 'state', 'lease')
    if h[1] == 'active' and h[2] == token then
      local fields = redis.call('HGETALL', heldKey)
      return {1, held, legacyData(heldKey, fields), fields}
    end
    return {0, '-1'}
  end
  queueMeta = queueMeta or redis.call('HMGET', KEYS[6], 'paused', 'maxActive', 'rateMax', 'rateWindowMs')
  local meta = queueMeta
  if meta[1] == '1' then return {2} end
  if meta[2] and redis.call('ZCARD', KEYS[3]) >= tonumber(meta[2]) then return {3} end
  if meta[3] then
    local used = tonumber(redis.call('GET', KEYS[8]) or '0')
    if used >= tonumber(meta[3]) then
      local ttl = redis.call('PTTL', KEYS[8])
      if ttl < 0 then ttl = tonumber(meta[4]) end
      return {4, ttl}
    end
  end
  for _ = 1, 10 do
    local popped = redis.call('ZPOPMIN', KEYS[1])
    if #popped == 0 then
      local nextDue = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
      -- Relative: the worker waits on its own clock, which may disagree with Redis's.
      if nextDue[2] then return {0, math.max(0, tonumber(nextDue[2]) - now)} end
      return {0, '-1'}
    end
    local id = popped[1]
    local jobKey = jobPrefix .. id
    -- One read serves both the existence check and the reply; the fields changed below are appended
    -- to it (a later pair overrides an earlier one when the reply is decoded).
    local fields = redis.call('HGETALL', jobKey)
    if #fields > 0 then
      if meta[3] and redis.call('INCR', KEYS[8]) == 1 then
        redis.call('PEXPIRE', KEYS[8], meta[4])
      end
      local started = 1
      for i = 1, #fields, 2 do
        if fields[i] == 'ats' then started = tonumber(fields[i + 1]) + 1 end
      end
      local changed = {'state', 'active', 'lease', token, 'worker', worker, 'started', now, 'ats', started}
      redis.call('HSET', jobKey, unpack(changed))
      redis.call('ZADD', KEYS[3], now + leaseMs, id)
      redis.call('SET', leaseKey, id, 'PX', leaseMs)
      emit(maxEvents, now, 'active', id, 'worker', worker)
      if marker.deferred then
        marker.wanted = true
      elseif redis.call('ZCARD', KEYS[1]) > 0 then
        pushMarker()
      end
      for _, v in ipairs(changed) do fields[#fields + 1] = v end
      return {1, id, legacyData(jobKey, fields), fields}
    end
  end
  return {0, '-1'}
end
