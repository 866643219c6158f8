#!/bin/sh
# Container entrypoint for the Redis services of docker-compose.sentinel.yml.
#
#   entrypoint.sh master|replica|sentinel
#
# 1. On the first start, renders the templates in this folder into the data volume (CONF_* variables,
#    see render.sh): master = redis.conf, replica = redis.conf + replica.conf, sentinel = sentinel.conf.
# 2. On later starts keeps the rendered file: Redis and Sentinel rewrote it with the current roles, and
#    rendering again would undo a failover. Delete it to render from the templates again.
# 3. Runs redis-server or redis-sentinel in the foreground on that file.
set -eu
here=$(dirname "$0")
kind=${1:-}
case "$kind" in
  master) templates="$here/redis.conf"; file=redis.conf; run=redis-server ;;
  replica) templates="$here/redis.conf $here/replica.conf"; file=redis.conf; run=redis-server ;;
  sentinel) templates="$here/sentinel.conf"; file=sentinel.conf; run=redis-sentinel ;;
  *) echo "usage: entrypoint.sh master|replica|sentinel" >&2; exit 2 ;;
esac
target="${CONF_DIR:?CONF_DIR must be set}/$file"
if [ ! -s "$target" ]; then
  # shellcheck disable=SC2086 # templates is a list of paths without spaces
  sh "$here/render.sh" $templates > "$target.tmp"
  chmod 600 "$target.tmp"
  mv "$target.tmp" "$target"
  echo "entrypoint.sh: rendered $target from $templates"
fi
exec "$run" "$target"
