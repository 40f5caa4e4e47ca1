#!/bin/sh
# Builds __NAME__.wasm with AssemblyScript 0.28 (installed by npm into node_modules on the first build): the stub
# runtime, no imports (--use abort=), the declarations run by _initialize.
set -eu
cd "$(dirname "$0")"
[ -x node_modules/.bin/asc ] || npm install --no-audit --no-fund
npm run --silent build
echo "built __NAME__.wasm ($(wc -c < __NAME__.wasm) bytes)"
