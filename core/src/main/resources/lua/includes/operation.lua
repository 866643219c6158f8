-- Operation records. A durable call carries an operation id minted in Java; its record key (a STRING under
-- the same hash tag) is the script's last KEYS entry. A call sent again after its first run was applied
-- but not confirmed (the broker moved to another master, or the reply was lost) finds the record and
-- answers what the first run answered, without acting again. Records live OP_TTL_MS, longer than the
-- broker retries one call (REDIS_COMMAND_TIMEOUT); refusals change nothing and are not recorded.
local OP_TTL_MS = 60000

local function recorded(opKey)
  local done = redis.call('GET', opKey)
  if done then return cjson.decode(done) end
  return false
end

local function record(opKey, reply)
  redis.call('SET', opKey, cjson.encode(reply), 'PX', OP_TTL_MS)
  return reply
end
