#!/usr/bin/env bash
# Builds the Todos app (target/todos-<version>.tar.gz and target/dev.hearth.apps.todos-<version>.jar).
# Its JavaScript is bundled from npm packages (cozy-client, cozy-realtime) with esbuild, so this
# needs Node.js 20 or later and npm; without them it says so and exits 0 (nothing is built), or 1
# when HEARTH_E2E_REQUIRED is set (CI, where the end-to-end suite needs the app).
set -euo pipefail
cd "$(dirname "$0")"

not_built() {
  echo "The Todos sample app (apps/todos) needs Node.js 20 or later and npm to bundle its JavaScript ($1): it was not built."
  if [ -n "${HEARTH_E2E_REQUIRED:-}" ]; then exit 1; fi
  exit 0
}
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  not_built "not installed"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  not_built "found $(node --version)"
fi

# npm ci again only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec node build.mjs
