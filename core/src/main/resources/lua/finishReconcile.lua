--[[
  finishReconcile: marks a reconciliation pass done and records the failover it followed in one step, so
  the failover log holds each new master once, however many nodes raced for the pass or retried it.
  KEYS[1] claim key (STRING)  KEYS[2] failover log (ZSET master replication id -> ms when recorded)
  ARGV[1] ms the finished pass is remembered  ARGV[2] the new master's replication id
  ARGV[3] entries the log keeps
  Output: 1 recorded | 0 already in the log
]]
redis.call('SET', KEYS[1], 'done', 'PX', ARGV[1])
local t = redis.call('TIME')
local added = redis.call('ZADD', KEYS[2], 'NX', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[2])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[3]) - 1)
return added
