#!/usr/bin/env bash
# The engine's share of W4 (Mango _find on an index, 10 documents per query) on the distribution's
# jars, no server: thread CPU time per query, measured for one or two builds in turns (A B A B).
#
#   bench/find.sh [DOCS] [QUERIES] [ROUNDS]   (after ./mvnw package; JAVA_HOME at a JDK 25)
#   VERSUS=<other dist> bench/find.sh ...     (both builds, TURNS (3) turns each)
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${HEARTH_DIST:-launcher/target/hearth}
[ -d "$dist/lib" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
classpath() { for name in dev.hearth.datasystem dev.hearth.common dev.hearth.mango dev.hearth.js h2-mvstore jackson-core jackson-databind jackson-annotations; do ls "$1"/bundle/*/"$name"-*.jar; done | paste -sd:; echo -n ":$(ls "$1"/lib/slf4j-api-*.jar)"; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# One store, loaded by the first run, queried by every run.
store="$out/store"
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -d "$out" -cp "$(classpath "$dist" | tr -d '\n')" bench/FindCost.java
run() { "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx512m -Xmn64m -XX:+UseSerialGC -Dslf4j.internal.verbosity=WARN \
  -cp "$(classpath "$1" | tr -d '\n'):$out" FindCost "${2:-100000}" "${3:-20000}" "${4:-7}" "$store"; }
if [ -z "${VERSUS:-}" ]; then
  run "$dist" "$@"
else
  for turn in $(seq "${TURNS:-3}"); do
    echo "turn $turn, A ($VERSUS): $(run "$VERSUS" "$@")  [load $(cut -d' ' -f1 /proc/loadavg)]"
    echo "turn $turn, B ($dist): $(run "$dist" "$@")  [load $(cut -d' ' -f1 /proc/loadavg)]"
  done
fi
