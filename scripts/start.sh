#!/usr/bin/env bash
# `npm start`: installs what is missing, builds pkg/, and serves the demo page with the
# local Astro API simulator. Extra arguments go to the simulator (--port, --host, --data FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
node scripts/build.mjs
exec node sim/cli.mjs "$@"
