#!/usr/bin/env bash
# `npm test`: installs what is missing, builds pkg/, and runs every suite: native Rust,
# wasm-bindgen-test in Node and in headless Chromium, and the Node test runner over the
# built package, the fault scenarios, the simulator and the browser pages.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

bash scripts/setup.sh

step "format and lints: cargo fmt --check, cargo clippy"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib --tests -- -D warnings
cargo clippy --quiet --release --target wasm32-unknown-unknown --lib --features tiny -- -D warnings

step "native core: cargo test"
cargo test --quiet

step "build pkg/"
node scripts/build.mjs

step "TypeScript declarations: tsc --strict over tests/types"
node_modules/.bin/tsc -p tests/types

step "WASM edge in Node: wasm-bindgen-test"
cargo test --target wasm32-unknown-unknown --test wasm --test wasm_plan --test wasm_client

step "WASM edge in headless Chromium: wasm-bindgen-test"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="$(command -v chromedriver)" \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json" \
  cargo test --target wasm32-unknown-unknown --test wasm --test wasm_plan --test wasm_client

step "package, faults, simulator, pages and the benchmark's plain client: node --test"
mapfile -t files < <(find tests/node tests/faults tests/agreement sim/test tests/browser bench -name '*.test.mjs' -o -name '*.test.cjs' 2>/dev/null | sort)
node --test --test-timeout=120000 "${files[@]}"

step "consumers: the packed tarball in Node 18/20/22, TypeScript, browsers, Vite, webpack, esbuild; publint, attw"
node tests/consumers/run.mjs
