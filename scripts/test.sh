#!/usr/bin/env bash
#! Everything CI checks, in order, failing fast: format, lints (native core and the wasm app),
#! native tests, the release build, then the browser tests against the built dist/.
# Usage: scripts/test.sh   (from the repo root or anywhere)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

section() { printf '\n==== %s ====\n' "$*"; }
STARTED=$SECONDS
trap 'status=$?; if [ "$status" -ne 0 ]; then printf "\n==== FAILED (exit %s) in: %s ====\n" "$status" "${CURRENT:-setup}" >&2; fi' EXIT

CURRENT="setup"
section "setup (scripts/setup.sh --browser)"
bash scripts/setup.sh --browser

# wasm-bindgen/trunk from cargo, wasm-opt from npm's binaryen (never Debian's binaryen 108).
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR=never

CURRENT="cargo fmt"
section "format: cargo fmt --all -- --check"
cargo fmt --all -- --check

CURRENT="cargo clippy (native)"
section "lint, native core: cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

CURRENT="cargo clippy (wasm app)"
section "lint, wasm app: cargo clippy --target wasm32-unknown-unknown --features app --bin coverboard -- -D warnings"
cargo clippy --target wasm32-unknown-unknown --features app --bin coverboard -- -D warnings

CURRENT="cargo test"
section "native tests: cargo test"
cargo test

CURRENT="trunk build"
section "release build: trunk build --release"
trunk build --release
DIST="$ROOT/dist"
if [ ! -f "$DIST/index.html" ]; then
  echo "trunk build produced no $DIST/index.html" >&2
  exit 1
fi
ls -l "$DIST"

CURRENT="size check"
section "size check: node scripts/size-check.mjs (budgets in bench/budgets.mjs)"
node scripts/size-check.mjs "$DIST"

CURRENT="cargo build --example expected"
section "browser tests: node --test tests/browser/*.test.mjs (COVERBOARD_DIST=$DIST)"
# Build the example the tests call first, so its compile time is not charged to a browser test.
cargo build --quiet --example expected
CURRENT="browser tests"
echo "[test] checks before the browser tests took $((SECONDS - STARTED)) s"
# Last, and exec'd: node's own summary lines (tests/pass/fail/...) end the output, and its exit
# status is the script's.
trap - EXIT
export COVERBOARD_DIST="$DIST"
exec node --test tests/browser/*.test.mjs
