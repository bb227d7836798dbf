#!/usr/bin/env bash
#! Installs whatever coverboard needs on a fresh machine of this kind and skips what is already there.
# Usage: scripts/setup.sh [--browser]   (--browser also installs Chromium, ChromeDriver and npm test packages)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

log() { printf '[setup] %s\n' "$*"; }
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# Trunk runs offline with pinned tools: its pins must match what is installed here.
TRUNK_BINDGEN=$(awk -F'"' '/^wasm_bindgen *=/{print $2}' Trunk.toml)
if [ "$TRUNK_BINDGEN" != "$WASM_BINDGEN_VERSION" ]; then
  log "Trunk.toml pins wasm_bindgen = \"$TRUNK_BINDGEN\" but Cargo.lock has wasm-bindgen $WASM_BINDGEN_VERSION: make them equal" >&2
  exit 1
fi
if ! grep -q "^wasm_opt *= *\"version_$BINARYEN_VERSION\"" Trunk.toml; then
  log "Trunk.toml must pin wasm_opt = \"version_$BINARYEN_VERSION\" (npm binaryen $BINARYEN_VERSION)" >&2
  exit 1
fi

for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    log "adding the $component component"
    rustup component add "$component"
  fi
done

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: its lock file pins a webpki-roots that no longer builds.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 8 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# wasm-opt from npm's binaryen: Debian's binaryen 108 builds a wasm that fails in the browser.
if [ "$(node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}')" != "$BINARYEN_VERSION" ] \
   || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@axe-core/playwright ] \
   || [ ! -d node_modules/terser ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # (the last test: package-lock.json changed since the last install, e.g. a version bump)
  log "installing npm packages (binaryen, terser, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Trunk runs cargo with --offline (Trunk.toml), so every crate of every target (the native core, the
# wasm app, the dev-dependencies) must be in cargo's cache before it builds, whichever of serve.sh
# and test.sh runs first. The offline check takes about a second when they are all there.
if ! cargo fetch --locked --offline >/dev/null 2>&1; then
  log "fetching the crates in Cargo.lock (every target)"
  cargo fetch --locked
fi

if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing Debian chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
log "ready"
