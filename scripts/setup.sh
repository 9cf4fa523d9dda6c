#!/usr/bin/env bash
# Installs, once, what the build and the tests need: the wasm32 target, the wasm-bindgen-cli
# that matches the crate's pinned wasm-bindgen, the npm dev dependencies, and Debian's
# Chromium with its driver. Each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The pinned nightly that builds the shipped `.wasm` (Cargo.toml, [package.metadata.wasm-release]),
# with the standard library's source for -Zbuild-std; no wasm32 std is needed for it.
nightly=$(sed -n 's/^toolchain = "\(nightly-[0-9-]*\)"$/\1/p' Cargo.toml | head -1)
if [ -z "$nightly" ]; then
  echo "setup: cannot read the wasm-release toolchain from Cargo.toml" >&2
  exit 1
fi
if ! rustup component list --toolchain "$nightly" --installed 2>/dev/null | grep -q '^rust-src'; then
  say "installing the $nightly toolchain with rust-src (about 15 s)"
  rustup toolchain install "$nightly" --profile minimal --component rust-src
fi

# The pinned version, from `wasm-bindgen = "=X.Y.Z"` or `wasm-bindgen = { version = "=X.Y.Z", ... }`.
want=$(sed -n 's/^wasm-bindgen = .*"=\([0-9.]*\)".*/\1/p' Cargo.toml | head -1)
if [ -z "$want" ]; then
  echo "setup: cannot read the pinned wasm-bindgen version from Cargo.toml" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$want" --locked
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || ! npm ls --depth=0 >/dev/null 2>&1; then
  say "installing npm dev dependencies"
  npm ci --no-audit --no-fund
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
