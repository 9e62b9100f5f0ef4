#!/usr/bin/env bash
# Serving apps, on the built distribution, in one invocation (bench/apps.py does the measuring):
#  1. req/s of a static asset of the Todos app (its CSS, 619 bytes, with the session cookie) and of
#     its templated index.html (an app token minted per request), against the JVM HTTP ceiling
#     (the shared harness's jetty-hello, servlet mode, on this JDK), alternating rounds;
#  2. a hot install of a 5 MB archive until its index answers, median of several installs;
#  3. startup with 20 app bundles in load/ against none (until /status answers and every app
#     bundle is active), alternating runs;
#  4. RSS and heap after GC of one process with INSTANCES (1,000) instances (a document each),
#     before and after the Todos app is installed on each of them, with the stores just used open
#     and once closed as idle.
#
#   bench/apps.sh               (after ./mvnw package; JAVA_HOME at a JDK 25; wrk, python3, curl)
# Environment: ROUNDS (3), DURATION (10 s per wrk run), INSTANCES (1000), STARTS (5 per mode),
# INSTALLS (7), HEARTH_DIST (another built distribution), HARNESS (../shared/bench), PEERS (/tmp/peers).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIST=${HEARTH_DIST:-launcher/target/hearth}
HARNESS=${HARNESS:-$ROOT/../shared/bench}
VERSION=$(python3 -c 'import json; print(json.load(open("apps/todos/package.json"))["version"])')
ARCHIVE=$ROOT/apps/todos/target/todos-$VERSION.tar.gz
JAR=$ROOT/apps/todos/target/dev.hearth.apps.todos-$VERSION.jar
[ -x "$DIST/bin/hearth" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
[ -f "$ARCHIVE" ] && [ -f "$JAR" ] || { echo "build the Todos app first: apps/todos/build.sh (Node.js 20+)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
[ -d "$HARNESS/peers" ] || { echo "no harness at $HARNESS (set HARNESS)" >&2; exit 1; }
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"

. bench/lib.sh
WORK=$(mktemp -d /tmp/hearth-apps-bench.XXXXXX)
export PEERS=${PEERS:-/tmp/peers}
JETTY_NAME=jetty-apps-$$
CFG=$DIST/load/dev.hearth.datasystem.cfg CFG_SET=
restore_cfg() {
  if [ -n "$CFG_SET" ]; then
    rm -f "$CFG"
    if [ -f "$WORK/user.cfg" ]; then mv "$WORK/user.cfg" "$CFG"; fi
    CFG_SET=
  fi
}
cleanup() {
  stop_hearth
  restore_cfg
  NAME=$JETTY_NAME "$WORK/peers/jetty-hello.sh" stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The JVM ceiling: the harness's jetty-hello, run from a private copy of its scripts (a peer
# script running beside this one keeps its own pid file: NAME differs).
cp -r "$HARNESS/peers" "$WORK/peers"
chmod -R u+w "$WORK/peers"
mkdir -p "$PEERS"
if [ ! -f "$PEERS/jetty-hello/target/jetty-hello-1.jar" ]; then "$WORK/peers/jetty-hello.sh" build; fi
JETTY_PORT=$(free_port)
NAME=$JETTY_NAME PORT=$JETTY_PORT JAVA="$JAVA_HOME/bin/java" "$WORK/peers/jetty-hello.sh" start servlet >/dev/null

HTTP=$(free_port) ADMIN=$(free_port) PASS=apps$RANDOM$RANDOM
# Stores idle for IDLE seconds close (through the hot-deploy folder), so that memory is also
# measured at rest; a file of the user's own there is put back afterwards.
IDLE=30
if [ -f "$CFG" ]; then mv "$CFG" "$WORK/user.cfg"; fi
CFG_SET=1
printf 'idleCloseSeconds = %s\n' "$IDLE" > "$CFG"
start_hearth "$WORK/data" "$HTTP" "$ADMIN" "$PASS" "$WORK/server.log"
python3 -u bench/apps.py serve --http "$HTTP" --admin "$ADMIN" --pass "$PASS" --pid "$HEARTH_PID" \
  --jetty "$JETTY_PORT" --archive "$ARCHIVE" --work "$WORK" --jcmd "$JAVA_HOME/bin/jcmd" \
  --rounds "${ROUNDS:-3}" --duration "${DURATION:-10}" --installs "${INSTALLS:-7}" --instances "${INSTANCES:-1000}" --idle "$IDLE"
stop_hearth
HEARTH_PID=
NAME=$JETTY_NAME "$WORK/peers/jetty-hello.sh" stop >/dev/null
restore_cfg

# Startup: a copy of the distribution, whose load/ is emptied or holds 20 app bundles.
cp -r "$DIST" "$WORK/dist"
python3 -u bench/apps.py startup --dist "$WORK/dist" --jar "$JAR" --work "$WORK" --runs "${STARTS:-5}" \
  --logback "$ROOT/bench/logback-quiet.xml"
