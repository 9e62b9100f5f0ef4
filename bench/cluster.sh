#!/usr/bin/env bash
# Three Hearth nodes on one machine over one PostgreSQL, one Redis and one S3 server, without
# containers: PostgreSQL and Redis from Debian's packages (postgresql, redis-server), s3proxy
# from Maven Central (already in ~/.m2 after a build) on a filesystem bucket. Everything lives
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
S3PROXY_VERSION=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' pom.xml)
mkdir -p "$DIR"
pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null 2>&1 || true
}
trap stop EXIT INT TERM

# PostgreSQL: initdb refuses root, so as root it runs as the postgres user.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -d "$DIR/pg" ]; then
  install -d -o "$( [ "$(id -u)" = 0 ] && echo postgres || id -un)" "$DIR/pg"
  as_pg "$PG_BIN/initdb" -D "$DIR/pg" -U hearth -A trust -E UTF8 --locale=C >/dev/null
fi
install -d -o "$( [ "$(id -u)" = 0 ] && echo postgres || id -un)" "$DIR/pglog"
as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -w -l "$DIR/pglog/pg.log" \
  -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null

# Redis, nothing on disk: its values are short-lived by design.
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$DIR/redis.log" 2>&1 &
pids+=($!)

# s3proxy on a folder; its class path comes from a throw-away pom resolved offline.
mkdir -p "$DIR/s3/hearth" "$DIR/s3proxy"
cat >"$DIR/s3proxy/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>s3proxy-run</artifactId><version>1</version>
<dependencies><dependency><groupId>org.gaul</groupId><artifactId>s3proxy</artifactId>
<version>$S3PROXY_VERSION</version></dependency></dependencies></project>
POM
./mvnw -B -q -o -f "$DIR/s3proxy/pom.xml" dependency:build-classpath -Dmdep.outputFile="$DIR/s3proxy/cp" >/dev/null
cat >"$DIR/s3proxy/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=hearth-access
s3proxy.credential=hearth-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DIR/s3
CONF
"$JAVA_HOME/bin/java" -cp "$(cat "$DIR/s3proxy/cp")" org.gaul.s3proxy.Main \
  --properties "$DIR/s3proxy/s3proxy.conf" >"$DIR/s3proxy.log" 2>&1 &
pids+=($!)

export HEARTH_PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" HEARTH_PG_USER=hearth HEARTH_PG_PASSWORD=
export HEARTH_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export HEARTH_S3_ENDPOINT="http://127.0.0.1:$S3_PORT" HEARTH_S3_BUCKET=hearth
export HEARTH_S3_ACCESS_KEY=hearth-access HEARTH_S3_SECRET_KEY=hearth-secret
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
