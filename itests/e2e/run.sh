#!/usr/bin/env bash
# End-to-end tests of the built Hearth distribution with Cozy's real npm clients.
# Needs Node.js 20+ and npm; without them it says so and exits 0 (the suite is skipped), or 1
# when HEARTH_E2E_REQUIRED is set.
# The suite runs on the embedded distribution (every test), then the data and files tests run again
# on a node of the cluster distribution over PostgreSQL, Redis and S3 (scripts/cluster-backends.sh)
# with their reports in <reports>/cluster. Test files given as arguments run on both.
# Environment: HEARTH_DISTRIBUTION (default ../../launcher/target/hearth), HEARTH_CLUSTER_DISTRIBUTION
# (default ../../launcher/target/hearth-cluster), HEARTH_E2E_BACKENDS (embedded, cluster or both:
# the default), JAVA_HOME (a JDK 25).
set -euo pipefail
cd "$(dirname "$0")"

# HEARTH_E2E_REQUIRED (set by .ci/run): a suite that cannot run fails instead of being skipped.
not_run() {
  echo "The end-to-end suite (itests/e2e) needs Node.js 20 or later and npm ($1): it was not run."
  if [ -n "${HEARTH_E2E_REQUIRED:-}" ]; then exit 1; fi
  exit 0
}
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  not_run "not installed"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  not_run "found $(node --version)"
fi

npm ci --no-audit --no-fund --loglevel=error

# The tests about documents and files: the same files, on the backends of a cluster node.
CLUSTER_TESTS=(test/files.test.mjs test/permissions.test.mjs test/pouchdb.test.mjs
  test/realtime.test.mjs test/stack-client.test.mjs test/views.test.mjs)
backends=${HEARTH_E2E_BACKENDS:-both}
status=0
if [ "$backends" != cluster ]; then
  node scripts/run-tests.mjs "$@" || status=$?
fi
if [ "$backends" != embedded ]; then
  if [ $# -gt 0 ]; then CLUSTER_TESTS=("$@"); fi
  (
    export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
    # shellcheck source=scripts/cluster-backends.sh
    source scripts/cluster-backends.sh
    dir=$(mktemp -d /tmp/hearth-e2e-cluster.XXXXXX)
    chmod 755 "$dir" # PostgreSQL runs as its own user when this runs as root
    trap 'stop_cluster_backends; rm -rf "$dir"' EXIT
    start_cluster_backends "$dir" || exit 1
    echo "Cluster backends: PostgreSQL :$PG_PORT, Redis :$REDIS_PORT, s3proxy :$S3_PORT (logs in $dir)"
    HEARTH_DISTRIBUTION=${HEARTH_CLUSTER_DISTRIBUTION:-../../launcher/target/hearth-cluster} \
      HEARTH_E2E_REPORTS="${HEARTH_E2E_REPORTS:-../target/e2e-reports}/cluster" \
      HEARTH_E2E_BACKENDS_EXPECTED=documents=dev.hearth.datasystem.postgres,blobs=dev.hearth.files.s3,realtime=dev.hearth.realtime.redis \
      node scripts/run-tests.mjs "${CLUSTER_TESTS[@]}"
  ) || status=$?
fi
exit $status
