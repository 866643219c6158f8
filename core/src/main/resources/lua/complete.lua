--[[
  complete: finishes an active job held under the given lease, applies retention, and optionally
  hands the same worker its next job in the same round trip.
  KEYS[1] waiting  KEYS[2] delayed  KEYS[3] active  KEYS[4] completed  KEYS[5] failed  KEYS[6] meta
  KEYS[7] marker   KEYS[8] rate     KEYS[9] events  KEYS[10] seq       KEYS[11] stalledCheck
  KEYS[12] queues
  ARGV[1] job key prefix  ARGV[2] job id  ARGV[3] lease token  ARGV[4] time offset ms (added to Redis TIME; 0 outside tests)
  ARGV[5] result json
  ARGV[6] default keep completed  ARGV[7] default completed max age ms  ARGV[8] max events
  ARGV[9] fetch next (1/0)  ARGV[10] next lease token  ARGV[11] lease ms  ARGV[12] worker id
  ARGV[13] max delayed jobs promoted per call  ARGV[14] lease key prefix
  Output: {1} | {1, fetch output (see fetch.lua)} | {-1} not found | {-2} lease lost | {-3} wrong state
]]
-- @include common
-- @include moveToActive
-- @include completeJob
return completeJob(ARGV[1], ARGV[14], nowMs(ARGV[4]), ARGV[2], ARGV[3], ARGV[5], ARGV[6], ARGV[7], ARGV[8],
  ARGV[9] == '1' and ARGV[10] or '', tonumber(ARGV[11]), ARGV[12], tonumber(ARGV[13]))
