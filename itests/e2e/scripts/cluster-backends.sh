# The backends of a cluster node on one machine, without containers: PostgreSQL and Redis from
# Debian's packages (postgresql, redis-server), s3proxy from Maven Central (in ~/.m2 after a
# build, run with java) on a filesystem bucket. Sourced by bench/cluster.sh and by the end-to-end
# runner (run.sh); needs JAVA_HOME (a JDK) and the repository's mvnw.
#
#   start_cluster_backends DIR    # starts them with their data under DIR and exports the
#                                 # HEARTH_PG_*, HEARTH_REDIS_URL and HEARTH_S3_* settings the
#                                 # cluster feature reads; PG_PORT, REDIS_PORT and S3_PORT
#                                 # choose the ports (default: free ones)
#   stop_cluster_backends         # stops them (DIR stays)

CLUSTER_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cluster_pids=()

# A port nothing listens on (bash's /dev/tcp: no other tool needed).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
}

# initdb refuses root: as root, PostgreSQL runs as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_cluster_backends() {
  local dir=$1 owner
  CLUSTER_DIR_STARTED=$dir
  PG_PORT=${PG_PORT:-$(free_port)} REDIS_PORT=${REDIS_PORT:-$(free_port)} S3_PORT=${S3_PORT:-$(free_port)}
  mkdir -p "$dir"
  owner=$([ "$(id -u)" = 0 ] && echo postgres || id -un)
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [ ! -d "$dir/pg" ]; then
    install -d -o "$owner" "$dir/pg"
    as_pg "$PG_BIN/initdb" -D "$dir/pg" -U hearth -A trust -E UTF8 --locale=C >/dev/null
  fi
  install -d -o "$owner" "$dir/pglog"
  as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -w -l "$dir/pglog/pg.log" \
    -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null

  # Redis, nothing on disk: its values are short-lived by design.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$dir/redis.log" 2>&1 &
  cluster_pids+=($!)

  # s3proxy on a folder; its class path comes from a throw-away pom resolved offline.
  local version
  version=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' "$CLUSTER_REPO/pom.xml")
  mkdir -p "$dir/s3/hearth" "$dir/s3proxy"
  cat >"$dir/s3proxy/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>s3proxy-run</artifactId><version>1</version>
<dependencies><dependency><groupId>org.gaul</groupId><artifactId>s3proxy</artifactId>
<version>$version</version></dependency></dependencies></project>
POM
  # The plugin by its full name: offline, a prefix resolves only where Maven once read the
  # plugin group's metadata, which a build that pins its plugins never needs.
  local plugin
  plugin=$(sed -n 's:.*<artifactId>maven-dependency-plugin</artifactId><version>\(.*\)</version>.*:\1:p' "$CLUSTER_REPO/pom.xml")
  plugin="org.apache.maven.plugins:maven-dependency-plugin:$plugin:build-classpath"
  "$CLUSTER_REPO/mvnw" -B -q -o -f "$dir/s3proxy/pom.xml" "$plugin" -Dmdep.outputFile="$dir/s3proxy/cp" >"$dir/s3proxy/resolve.log" 2>&1 \
    || "$CLUSTER_REPO/mvnw" -B -q -f "$dir/s3proxy/pom.xml" "$plugin" -Dmdep.outputFile="$dir/s3proxy/cp" >>"$dir/s3proxy/resolve.log" 2>&1
  if [ ! -s "$dir/s3proxy/cp" ]; then
    echo "s3proxy's class path could not be resolved (see $dir/s3proxy/resolve.log)" >&2
    return 1
  fi
  cat >"$dir/s3proxy/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=hearth-access
s3proxy.credential=hearth-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/s3
CONF
  "$JAVA_HOME/bin/java" -cp "$(cat "$dir/s3proxy/cp")" org.gaul.s3proxy.Main \
    --properties "$dir/s3proxy/s3proxy.conf" >"$dir/s3proxy.log" 2>&1 &
  cluster_pids+=($!)
  local i
  for i in $(seq 1 60); do
    (exec 3<>"/dev/tcp/127.0.0.1/$S3_PORT") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break
    sleep 1
  done
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$S3_PORT") 2>/dev/null; then
    echo "s3proxy did not start on :$S3_PORT (see $dir/s3proxy.log)" >&2
    return 1
  fi

  export HEARTH_PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" HEARTH_PG_USER=hearth HEARTH_PG_PASSWORD=
  export HEARTH_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  export HEARTH_S3_ENDPOINT="http://127.0.0.1:$S3_PORT" HEARTH_S3_BUCKET=hearth
  export HEARTH_S3_ACCESS_KEY=hearth-access HEARTH_S3_SECRET_KEY=hearth-secret
}

stop_cluster_backends() {
  local p
  for p in "${cluster_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${cluster_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  cluster_pids=()
  if [ -n "${CLUSTER_DIR_STARTED:-}" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR_STARTED/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
}
