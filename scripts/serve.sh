#!/usr/bin/env bash
#! Builds coverboard and serves it at http://127.0.0.1:8080/ with live rebuilds (trunk serve, release mode).
# Usage: scripts/serve.sh [extra trunk serve arguments]   (from the repo root or anywhere)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

bash scripts/setup.sh

# trunk must find wasm-bindgen (cargo) and the npm binaryen's wasm-opt, never Debian's binaryen 108.
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

echo "[serve] http://127.0.0.1:8080/"
# No live reload: its script would connect over a websocket the page's CSP (connect-src) blocks,
# a console error on every load (docs/hosting.md).
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port 8080 "$@"
