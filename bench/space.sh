#!/usr/bin/env bash
# Space benchmark of the document store, on the distribution's jars (no server): DOCS documents
# (50,000) written in batches of 100, each rewritten REWRITES times (3), DELETE percent of them
# deleted (50); then compaction runs every 5 s for SECONDS (150: past the 45 s a chunk must age
# before it is rewritten) while one client writes one document at a time. Prints the store file
# along the way, the longest compaction step that held the writer, the one-document write times
# with and without compaction running, and the final file against a fresh store holding the same
# live documents.
#
#   bench/space.sh [DOCS] [REWRITES] [DELETE] [SECONDS]   (after ./mvnw package; JAVA_HOME at a JDK 25)
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${HEARTH_DIST:-launcher/target/hearth}
[ -d "$dist/lib" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
jars() { for name in "$@"; do ls "$dist"/bundle/*/"$name"-*.jar; done | paste -sd:; }
cp="$(jars dev.hearth.datasystem dev.hearth.common dev.hearth.mango dev.hearth.js h2-mvstore jackson-core jackson-databind jackson-annotations):$(ls "$dist"/lib/slf4j-api-*.jar)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -d "$out" -cp "$cp" bench/SpaceCost.java
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx512m -Dslf4j.internal.verbosity=WARN -cp "$cp:$out" \
  SpaceCost "${1:-50000}" "${2:-3}" "${3:-50}" "${4:-150}"
