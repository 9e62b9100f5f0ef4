#!/usr/bin/env bash
# End-to-end tests of the built Hearth distribution with Cozy's real npm clients.
# Needs Node.js 20+ and npm; without them it says so and exits 0 (the suite is skipped).
# Environment: HEARTH_DISTRIBUTION (default ../../launcher/target/hearth), JAVA_HOME (a JDK 25).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "The end-to-end suite (itests/e2e) needs Node.js 20 and npm, which are not installed: it was not run."
  exit 0
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "The end-to-end suite (itests/e2e) needs Node.js 20 or later (found $(node --version)): it was not run."
  exit 0
fi

npm ci --no-audit --no-fund --loglevel=error
exec node scripts/run-tests.mjs "$@"
