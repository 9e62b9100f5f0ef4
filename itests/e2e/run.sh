#!/usr/bin/env bash
# End-to-end tests of the built Hearth distribution with Cozy's real npm clients.
# Needs Node.js 20+ and npm; without them it says so and exits 0 (the suite is skipped), or 1
# when HEARTH_E2E_REQUIRED is set.
# Environment: HEARTH_DISTRIBUTION (default ../../launcher/target/hearth), JAVA_HOME (a JDK 25).
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
exec node scripts/run-tests.mjs "$@"
