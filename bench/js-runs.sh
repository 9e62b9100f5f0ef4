#!/usr/bin/env bash
# JavaScript sandbox benchmark: the first run (engine creation included) and the median cost of
# warm runs (fresh context each) of a trivial script and of a small JSON workload, with the
# distribution's own jars (interpreter unless HEARTH_JAVA_OPTS enables the Graal compiler).
#
#   bench/js-runs.sh [WARM_RUNS]     (after ./mvnw package; JAVA_HOME must point at a JDK 25)
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${HEARTH_DIST:-launcher/target/hearth}
[ -d "$dist/lib" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
cp="$dist/lib/*:$(ls "$dist"/bundle/*/dev.hearth.js-*.jar):$(ls "$dist"/bundle/*/jackson-*.jar | paste -sd:)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -d "$out" -cp "$cp" bench/JsRunCost.java
"$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dslf4j.internal.verbosity=WARN \
  ${HEARTH_JAVA_OPTS:-} -cp "$cp:$out" JsRunCost "${1:-50}" 2>&1 | grep -v '^SLF4J'
