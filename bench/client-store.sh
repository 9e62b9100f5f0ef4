#!/usr/bin/env bash
# The Java client's store: 10,000 documents, 100 stored queries, the median time to apply one
# mutation and re-evaluate every query in memory (dev.hearth.client StoreBench).
#
#   bench/client-store.sh [DOCS] [QUERIES] [MUTATIONS]
#
# Needs JAVA_HOME at a JDK 25; builds the client module's test classes first.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -o -pl bundles/dev.hearth.client -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
M=bundles/dev.hearth.client
"$JAVA_HOME/bin/java" -cp "$M/target/test-classes:$M/target/classes:$(cat $M/target/bench-classpath.txt)" \
  dev.hearth.client.StoreBench "$@"
