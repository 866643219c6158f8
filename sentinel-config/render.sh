#!/bin/sh
# Renders Vigil's Redis templates without Java (used inside the compose containers).
#
#   CONF_PORT=6379 CONF_ADMIN_PASSWORD=... render.sh redis.conf [replica.conf] > /data/redis.conf
#
# Concatenates the given templates and replaces every {{NAME}} with the environment variable
# CONF_<NAME>. An unset variable, an unknown placeholder or a value outside its allowed characters
# stops with an error and no output is trusted (write to a temporary file, then move it). The rules are
# the same as io.vigil.sentinelconfig.SentinelConfigRenderer's; a test renders with both and compares.
set -eu
[ "$#" -ge 1 ] || { echo "usage: render.sh TEMPLATE [FRAGMENT...]" >&2; exit 2; }
exec awk '
function fail(message) { print "render.sh: " message > "/dev/stderr"; failed = 1; exit 1 }
function pattern(name) {
  if (name == "PORT" || name == "MASTER_PORT") return "^[0-9]+$"
  if (name == "BIND") return "^[-A-Za-z0-9.:* ]+$"
  if (name == "ANNOUNCE_HOST" || name == "MASTER_HOST") return "^[-A-Za-z0-9.:]+$"
  if (name == "DIR") return "^[^\"\\\\\r\n]+$"
  if (name == "LOGFILE") return "^[^\"\\\\\r\n]*$"
  if (name ~ /_PASSWORD$/) return "^[-A-Za-z0-9._~]+$"
  if (name == "APP_USER" || name == "MONITOR_USER" || name == "MASTER_NAME") return "^[-A-Za-z0-9._]+$"
  if (name == "KEY_PREFIX") return "^[A-Za-z0-9][-A-Za-z0-9._]*$"
  if (name == "MAXMEMORY") return "^[0-9]+([kKmMgG][bB]?)?$"
  return ""
}
function value(name,    v, p) {
  p = pattern(name)
  if (p == "") fail("unknown placeholder {{" name "}} in " FILENAME)
  if (!(("CONF_" name) in ENVIRON)) fail("CONF_" name " is not set (needed by " FILENAME ")")
  v = ENVIRON["CONF_" name]
  if (v !~ p) fail("CONF_" name " has characters outside " p)
  if ((name == "PORT" || name == "MASTER_PORT") && (v + 0 < 1 || v + 0 > 65535)) fail("CONF_" name " must be 1..65535")
  if ((name == "APP_USER" || name == "MONITOR_USER") && v == "default") fail("CONF_" name " must not be the default user")
  if (name == "KEY_PREFIX" && length(v) > 64) fail("CONF_KEY_PREFIX is longer than 64 characters")
  return v
}
{
  line = $0; out = ""
  while ((start = index(line, "{{")) > 0) {
    rest = substr(line, start + 2)
    stop = index(rest, "}}")
    if (stop == 0) fail("unclosed {{ in " FILENAME " line " FNR)
    out = out substr(line, 1, start - 1) value(substr(rest, 1, stop - 1))
    line = substr(rest, stop + 2)
  }
  print out line
}
END { if (failed) exit 1 }
' "$@"
