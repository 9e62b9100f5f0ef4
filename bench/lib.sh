# Shared by the bench scripts (sourced, from the project root): free ports, and the built
# distribution started and stopped with a fresh data directory.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_hearth DATA_DIR HTTP_PORT ADMIN_PORT PASSPHRASE LOG: starts `hearth serve` quietly in the
# background, sets HEARTH_PID, and waits for /status (failing if the server dies first).
# HEARTH_DIST picks another built distribution (default launcher/target/hearth), to measure two
# builds in one session; HEARTH_BENCH_JAVA_OPTS adds JVM options (a flight recording, say).
start_hearth() {
  HEARTH_ADMIN_PASSPHRASE=$4 HEARTH_JAVA_OPTS="-Dlogback.configurationFile=$(pwd)/bench/logback-quiet.xml ${HEARTH_BENCH_JAVA_OPTS:-}" \
    "${HEARTH_DIST:-launcher/target/hearth}"/bin/hearth serve --data-dir "$1" --http-port "$2" --admin-port "$3" > "$5" 2>&1 &
  HEARTH_PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$2/status"; do
    kill -0 "$HEARTH_PID" 2>/dev/null || { echo "the server died; see $5" >&2; return 1; }
    sleep 0.2
  done
}

# stop_hearth: stops the server started by start_hearth and waits until it is gone.
stop_hearth() {
  if [ -n "${HEARTH_PID:-}" ]; then
    kill "$HEARTH_PID" 2>/dev/null || true
    wait "$HEARTH_PID" 2>/dev/null || true
  fi
}

# harness_copy: WORK, a private copy of the load harness ($HARNESS), which writes node_modules and
# results next to itself; PEERS (/tmp/peers) for its peer servers, and bench/results.
harness_copy() {
  WORK=$(mktemp -d /tmp/hearth-bench.XXXXXX)
  cp -r "$HARNESS"/. "$WORK"/
  chmod -R u+w "$WORK"
  export PEERS=${PEERS:-/tmp/peers}
  mkdir -p "$PEERS" "$ROOT/bench/results"
}

# start_pouchdb: pouchdb-server, installed by the harness's peer script, with no data left from a
# run before.
start_pouchdb() {
  "$WORK/peers/pouchdb-server.sh" install > /dev/null
  "$WORK/peers/pouchdb-server.sh" stop > /dev/null 2>&1 || true
  rm -rf "$PEERS/data/pouchdb-server"
  "$WORK/peers/pouchdb-server.sh" start
}
