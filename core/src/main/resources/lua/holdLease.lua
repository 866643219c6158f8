--[[
  holdLease: takes a named lease when it is free, renews it when the caller holds it, or releases it.
  Used where one process in the cluster must act alone (the gateway's event relay).
  KEYS[1] lease key (STRING holding the holder's token, with a PX expiry)
  ARGV[1] holder token  ARGV[2] lease ms; "0" releases the lease if the caller holds it
  Output: 2 renewed (the caller held it without a gap), 1 newly taken, 0 held by another or released
]]
local holder = redis.call('GET', KEYS[1])
if ARGV[2] == '0' then
  if holder == ARGV[1] then
    redis.call('DEL', KEYS[1])
  end
  return 0
end
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 2
end
if holder then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
