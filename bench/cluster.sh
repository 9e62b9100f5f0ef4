#!/usr/bin/env bash
# Three Hearth nodes on one machine over one PostgreSQL, one Redis and one S3 server, without
# containers: PostgreSQL and Redis from Debian's packages (postgresql, redis-server), s3proxy
# from Maven Central (already in ~/.m2 after a build) on a filesystem bucket, started by
# itests/e2e/scripts/cluster-backends.sh (as for the end-to-end tests). Everything lives
# under one folder (CLUSTER_DIR, default /tmp/hearth-cluster) and stops with Ctrl-C.
#
#   bench/cluster.sh            # nodes on 8081, 8082, 8083 (admin 9081...), until Ctrl-C
#
# Put a load balancer in front of the three public ports (examples/ has nginx and Caddy
# configurations); create instances through any node's admin port.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:?JAVA_HOME must point at a JDK 25}"
DIST=${HEARTH_DIST:-launcher/target/hearth-cluster}
DIR=${CLUSTER_DIR:-/tmp/hearth-cluster}
PG_PORT=${PG_PORT:-55432} REDIS_PORT=${REDIS_PORT:-56379} S3_PORT=${S3_PORT:-59000}
# shellcheck source=../itests/e2e/scripts/cluster-backends.sh
source itests/e2e/scripts/cluster-backends.sh
mkdir -p "$DIR"
pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_cluster_backends
}
trap stop EXIT INT TERM
start_cluster_backends "$DIR" || exit 1
export HEARTH_ADMIN_PASSPHRASE=${HEARTH_ADMIN_PASSPHRASE:-cluster}
for n in 1 2 3; do
  "$DIST/bin/hearth" serve --data-dir "$DIR/node$n" --http-port "808$n" --admin-port "908$n" \
    >"$DIR/node$n.log" 2>&1 &
  pids+=($!)
done
for n in 1 2 3; do
  until curl -fs "http://127.0.0.1:808$n/status" | grep -q '"instances":"postgres"'; do sleep 1; done
  echo "node $n: http://127.0.0.1:808$n (admin 127.0.0.1:908$n) $(curl -s "http://127.0.0.1:808$n/status" | grep -o '"backends":{[^}]*}')"
done
echo "logs in $DIR; Ctrl-C stops everything"
wait
