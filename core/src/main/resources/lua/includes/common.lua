-- Shared steps for every transition script. KEYS follow QueueKeys.scriptKeys():
-- 1 waiting, 2 delayed, 3 active, 4 completed, 5 failed, 6 meta, 7 marker, 8 rate, 9 events,
-- 10 seq, 11 stalledCheck, 12 queues.
local MAX_PRIORITY = 2097151
local BAND = 4294967296
local MARKER_CAP = 16
-- Most finished jobs one call deletes: a bigger backlog is trimmed over later calls, so no script blocks
-- Redis for long (Sentinel takes a master answering BUSY for down).
local TRIM_BATCH = 1000

-- Now in ms on the Redis server's clock, one clock for every host, plus the offset tests use to move
-- time (0 in production). Redis 7 replicates a script's effects, so reading TIME before writing is safe.
local function nowMs(offset)
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(offset)
end

-- Higher priority first, FIFO within a priority; stays below 2^53 so the double score is exact.
local function waitScore(priority)
  local seq = redis.call('INCR', KEYS[10]) % BAND
  return string.format('%.0f', (MAX_PRIORITY - priority) * BAND + seq)
end

-- Wakes one idle worker; capped so markers nobody waits for cannot pile up.
local function pushMarker()
  if redis.call('LLEN', KEYS[7]) < MARKER_CAP then
    redis.call('RPUSH', KEYS[7], '1')
  end
end

local function emit(maxEvents, now, event, jobId, ...)
  redis.call('XADD', KEYS[9], 'MAXLEN', '~', maxEvents, '*', 'event', event, 'jobId', jobId, 'ts', now, ...)
end

-- <job>:data: the payload of a job enqueued before the payload became a field of its hash.
local function deleteJob(jobPrefix, id)
  redis.call('DEL', jobPrefix .. id, jobPrefix .. id .. ':data')
end

-- The meta field noting a count trim left unfinished (its value: the count to keep).
local function trimField(setKey)
  return setKey == KEYS[4] and 'trimCompleted' or 'trimFailed'
end

-- Retention: keep the newest `keep` ids (negative keeps all) and none older than maxAgeMs (0 = no age limit).
-- Deletes at most TRIM_BATCH jobs; a count trim left unfinished is noted in meta, so the stalled check
-- finishes it on an idle queue too (later finishes also trim a batch each).
local function trimFinished(setKey, jobPrefix, keep, maxAgeMs, now)
  local budget = TRIM_BATCH
  if keep >= 0 then
    local excess = redis.call('ZCARD', setKey) - keep
    if excess > 0 then
      local n = math.min(excess, budget)
      local old = redis.call('ZRANGE', setKey, 0, n - 1)
      for _, id in ipairs(old) do deleteJob(jobPrefix, id) end
      redis.call('ZREMRANGEBYRANK', setKey, 0, n - 1)
      budget = budget - n
      if excess > n then redis.call('HSET', KEYS[6], trimField(setKey), keep) end
    end
  end
  if maxAgeMs > 0 and budget > 0 then
    local expired = redis.call('ZRANGEBYSCORE', setKey, '-inf', now - maxAgeMs, 'LIMIT', 0, budget)
    if #expired > 0 then
      for _, id in ipairs(expired) do deleteJob(jobPrefix, id) end
      redis.call('ZREM', setKey, unpack(expired))
    end
  end
end

-- Records a finished job, or deletes it at once when retention keeps none.
local function finish(jobPrefix, id, setKey, keep, maxAgeMs, now, fields)
  if keep == 0 then
    deleteJob(jobPrefix, id)
    return
  end
  redis.call('HSET', jobPrefix .. id, 'finished', now, unpack(fields))
  redis.call('ZADD', setKey, now, id)
  trimFinished(setKey, jobPrefix, keep, maxAgeMs, now)
end

local function requeue(jobPrefix, id, priority)
  redis.call('ZADD', KEYS[1], waitScore(priority), id)
  redis.call('HSET', jobPrefix .. id, 'state', 'waiting')
end

-- Moves due delayed jobs to waiting (bounded per call); ids whose hash vanished are dropped.
local function promoteDue(jobPrefix, now, limit)
  local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, limit)
  if #due == 0 then return 0 end
  for _, id in ipairs(due) do
    local prio = redis.call('HGET', jobPrefix .. id, 'prio')
    if prio then requeue(jobPrefix, id, tonumber(prio)) end
  end
  redis.call('ZREM', KEYS[2], unpack(due))
  return #due
end

-- Wakes a worker held back by the global concurrency limit once a slot frees.
local function slotFreed()
  if redis.call('HEXISTS', KEYS[6], 'maxActive') == 1 and redis.call('ZCARD', KEYS[1]) > 0 then
    pushMarker()
  end
end
