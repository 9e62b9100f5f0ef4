#!/usr/bin/env bash
# Packages the sample konnector (target/hearth-bills-<version>.tar.gz and
# target/dev.hearth.konnectors.bills-<version>.jar). Its JavaScript needs no bundling, but the
# packaging script is written for Node.js 20 or later, as the apps' are: without it this says so and
# exits 0 (nothing is built), or 1 when HEARTH_E2E_REQUIRED is set (CI, where the end-to-end suite
# installs the konnector).
set -euo pipefail
cd "$(dirname "$0")"

not_built() {
  echo "The sample konnector (konnectors/hearth-bills) needs Node.js 20 or later to be packaged ($1): it was not built."
  if [ -n "${HEARTH_E2E_REQUIRED:-}" ]; then exit 1; fi
  exit 0
}
if ! command -v node >/dev/null 2>&1; then
  not_built "not installed"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  not_built "found $(node --version)"
fi
exec node build.mjs
