--[[
  enqueue: adds one or more jobs (a bulk is all-or-nothing against the caps).
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues  KEYS[13] operation record (STRING, see includes/operation)
  KEYS[14] reserved ids (ZSET id -> accepted ms): an accepted id stays taken this long after its job is gone
  ARGV[1] job key prefix  ARGV[2] time offset ms (added to Redis TIME; 0 outside tests)
  ARGV[3] max unfinished jobs (0 = no cap)
  ARGV[4] memory watermark, share of maxmemory (0 = off)  ARGV[5] max events  ARGV[6] queue name
  ARGV[7] job count, then 11 per job: id, name, data, options json ('' = defaults), priority,
          delay ms, attempts, keep completed, completed max age ms, keep failed, failed max age ms
          ('' for the last five = the engine defaults, read at finish time)
  ARGV[8 + 11 * count] once-marker key prefix ('' = none): <prefix><id> is a STRING kept ARGV[9 + 11 * count] ms
          after the job is created; while it exists the id is not created again, even after its job is gone
  ARGV[10 + 11 * count] id reservation ms (0 = ids are free again once their job is gone)
  ARGV[11 + 11 * count] '1' = only queues already in KEYS[12] take jobs  ARGV[12 + 11 * count] max queues
  Output: {1, flag per job: 1 new, 0 already exists or marked once, 2 accepted earlier and gone since (the
          id stays reserved)} | {-4} queue full | {-5} memory watermark | {-6} queue not declared
          | {-7} a new queue beyond the max queues
]]
-- @include common
-- @include operation
local done = recorded(KEYS[13])
if done then return done end
local jobPrefix, now = ARGV[1], nowMs(ARGV[2])
local maxJobs, watermark, maxEvents = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local count = tonumber(ARGV[7])
local PER_JOB = 11
local oncePrefix, onceMs = ARGV[8 + PER_JOB * count], ARGV[9 + PER_JOB * count]
local reserveMs = tonumber(ARGV[10 + PER_JOB * count])

-- Checked before anything is written: a refused name leaves no key behind.
if redis.call('SISMEMBER', KEYS[12], ARGV[6]) == 0 then
  if ARGV[11 + PER_JOB * count] == '1' then return {-6} end
  if redis.call('SCARD', KEYS[12]) >= tonumber(ARGV[12 + PER_JOB * count]) then return {-7} end
end

if watermark > 0 then
  local info = redis.call('INFO', 'memory')
  local used = tonumber(string.match(info, 'used_memory:(%d+)'))
  local max = tonumber(string.match(info, 'maxmemory:(%d+)'))
  if max and max > 0 and used >= max * watermark then return {-5} end
end

local fresh, gone, seen, freshCount = {}, {}, {}, 0
for i = 0, count - 1 do
  local id = ARGV[8 + i * PER_JOB]
  if not seen[id] and redis.call('EXISTS', jobPrefix .. id) == 0
      and (oncePrefix == '' or redis.call('EXISTS', oncePrefix .. id) == 0) then
    if redis.call('ZSCORE', KEYS[14], id) then
      gone[i] = true
    else
      fresh[i] = true
      freshCount = freshCount + 1
    end
  end
  seen[id] = true
end

if maxJobs > 0 and freshCount > 0 then
  local unfinished = redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2]) + redis.call('ZCARD', KEYS[3])
  if unfinished + freshCount > maxJobs then return {-4} end
end

local result, readyAdded, delayedAdded = {1}, false, false
local optional = {'attempts', 'roc', 'rocAge', 'rof', 'rofAge'}
for i = 0, count - 1 do
  if fresh[i] then
    local b = 8 + i * PER_JOB
    local id, priority, delay = ARGV[b], tonumber(ARGV[b + 4]), tonumber(ARGV[b + 5])
    local jobKey = jobPrefix .. id
    local state = delay > 0 and 'delayed' or 'waiting'
    -- The payload is a field of the job hash, not a key of its own: one key per job saves a key's overhead
    -- (about 100 bytes) while the hash stays a listpack (hash-max-listpack-value in the shipped redis.conf).
    local fields = {'name', ARGV[b + 1], 'state', state, 'created', now, 'prio', priority, 'data', ARGV[b + 2]}
    if ARGV[b + 3] ~= '' then
      fields[#fields + 1] = 'opts'
      fields[#fields + 1] = ARGV[b + 3]
    end
    for k, field in ipairs(optional) do
      if ARGV[b + 5 + k] ~= '' then
        fields[#fields + 1] = field
        fields[#fields + 1] = ARGV[b + 5 + k]
      end
    end
    redis.call('HSET', jobKey, unpack(fields))
    if oncePrefix ~= '' then redis.call('SET', oncePrefix .. id, '1', 'PX', onceMs) end
    if delay > 0 then
      redis.call('ZADD', KEYS[2], now + delay, id)
      delayedAdded = true
    else
      redis.call('ZADD', KEYS[1], waitScore(priority), id)
      readyAdded = true
    end
    if reserveMs > 0 then redis.call('ZADD', KEYS[14], now, id) end
    emit(maxEvents, now, 'added', id, 'name', ARGV[b + 1])
    result[#result + 1] = 1
  else
    result[#result + 1] = gone[i] and 2 or 0
  end
end

if freshCount > 0 then
  redis.call('SADD', KEYS[12], ARGV[6])
  -- Reservations past their time are forgotten a bounded number per call, a few more than were added.
  local expired = redis.call('ZCOUNT', KEYS[14], '-inf', now - reserveMs - 1)
  if expired > 0 then redis.call('ZREMRANGEBYRANK', KEYS[14], 0, math.min(expired, freshCount + 100) - 1) end
end
-- A delayed job also wakes a sleeper so it can shorten its wait to the new due time.
if delayedAdded or (readyAdded and redis.call('HGET', KEYS[6], 'paused') ~= '1') then pushMarker() end
return record(KEYS[13], result)
