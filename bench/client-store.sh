#!/usr/bin/env bash
# The Java client's store: DOCS (10,000) documents, QUERIES (100) stored queries, the median time
# to apply one changed document and re-evaluate every query in memory (dev.hearth.client
# StoreBench); then, in the same run, the same workload on cozy-client's store in node
# (client-store-node.js), when node and cozy-client are found (itests/e2e/node_modules after
# `npm ci` there, or NODE_PATH).
#
#   bench/client-store.sh [DOCS] [QUERIES] [MUTATIONS]
#
# Needs JAVA_HOME at a JDK 25; builds the client module's test classes first.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-10000}
QUERIES=${2:-100}
MUTATIONS=${3:-2000}
./mvnw -B -q -o -pl bundles/dev.hearth.client -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
M=bundles/dev.hearth.client
"$JAVA_HOME/bin/java" -cp "$M/target/test-classes:$M/target/classes:$(cat $M/target/bench-classpath.txt)" \
  dev.hearth.client.StoreBench "$DOCS" "$QUERIES" "$MUTATIONS"
export NODE_PATH=${NODE_PATH:-$(pwd)/itests/e2e/node_modules}
if command -v node >/dev/null && [ -d "$NODE_PATH/cozy-client" ]; then
  node bench/client-store-node.js "$DOCS" "$QUERIES" "$((MUTATIONS / 10))"
else
  echo "cozy-client not found (npm ci in itests/e2e, or NODE_PATH): node comparison skipped"
fi
