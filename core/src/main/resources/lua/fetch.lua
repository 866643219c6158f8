--[[
  fetch: promotes due delayed jobs, then moves the next waiting job (priority, then age) to active.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] job key prefix  ARGV[2] time offset ms (added to Redis TIME; 0 outside tests)
  ARGV[3] lease token  ARGV[4] lease ms  ARGV[5] worker id
  ARGV[6] max events  ARGV[7] max delayed jobs promoted per call  ARGV[8] lease key prefix
  Output: {1, id, data, job hash} | {0, ms until the next delayed job is due, or -1} | {2} paused
        | {3} concurrency limit reached | {4, wait ms} rate limited
]]
-- @include common
-- @include moveToActive
local jobPrefix, now = ARGV[1], nowMs(ARGV[2])
promoteDue(jobPrefix, now, tonumber(ARGV[7]))
return moveToActive(jobPrefix, ARGV[8], now, ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6])
