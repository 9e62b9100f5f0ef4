#!/usr/bin/env bash
# JavaScript sandbox benchmark: the first run (engine creation included), the median cost of warm
# runs (fresh context each) of a trivial script and of a small JSON workload, then bench/js/first.js
# and bench/js/cpu.js run alternately by the sandbox and by node: the time from launching a run to
# its first statement, and cpu.js's work as timed by its own clock. Uses the distribution's jars.
#
#   bench/js-runs.sh [WARM_RUNS] [PAIRS]     (after ./mvnw package; JAVA_HOME must point at a JDK 25)
#
# With HEARTH_JS_OPTIMIZING=1 the JVM gets the Graal compiler (JVMCI) so scripts are compiled, as
# bin/hearth does: the distribution's lib/jvmci/compiler-*.jar, else the local Maven repository's
# (fetched when missing). Otherwise scripts run interpreted.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${HEARTH_DIST:-launcher/target/hearth}
[ -d "$dist/lib" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
command -v node >/dev/null || { echo "node is needed" >&2; exit 1; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
cp="$dist/lib/*:$(ls "$dist"/bundle/*/dev.hearth.js-*.jar):$(ls "$dist"/bundle/*/dev.hearth.common-*.jar):$(ls "$dist"/bundle/*/jackson-*.jar | paste -sd:)"
opts=()
if [ "${HEARTH_JS_OPTIMIZING:-}" = 1 ]; then
  graal=$(ls "$dist"/lib/polyglot-*.jar | sed 's/.*polyglot-\(.*\)\.jar/\1/')
  compiler=$dist/lib/jvmci/compiler-$graal.jar
  [ -f "$compiler" ] || compiler=$HOME/.m2/repository/org/graalvm/compiler/compiler/$graal/compiler-$graal.jar
  [ -f "$compiler" ] || ./mvnw -B -q dependency:get -Dartifact="org.graalvm.compiler:compiler:$graal" -Dtransitive=false
  upgrade="$compiler:$dist/lib/collections-$graal.jar:$dist/lib/word-$graal.jar:$dist/lib/truffle-compiler-$graal.jar"
  opts=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI "--upgrade-module-path=$upgrade")
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -d "$out" -cp "$cp" bench/JsRunCost.java
"$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dslf4j.internal.verbosity=WARN \
  -Dpolyglot.engine.WarnInterpreterOnly=false "${opts[@]}" ${HEARTH_JAVA_OPTS:-} -cp "$cp:$out" \
  JsRunCost "${1:-50}" "${2:-10}" bench/js 2>&1 | grep -v '^SLF4J'
