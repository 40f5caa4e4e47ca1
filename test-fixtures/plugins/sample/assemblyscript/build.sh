#!/bin/sh
# Builds sample.wasm from assembly/index.ts (on sdk/assemblyscript) with AssemblyScript 0.28 (npm; asc from
# node_modules here, or from $ASC_MODULES/.bin when set): the stub runtime, abort dropped (--use abort=), so the
# module imports only the WASI functions its selector reads the workspace with. The result is committed; server tests
# compare a fresh build with it when Node and AssemblyScript are there (the same bytes, or the same exports and
# answers). Usage: ./build.sh [OUT.wasm]
set -eu
cd "$(dirname "$0")"
OUT="${1:-sample.wasm}"
ASC="${ASC_MODULES:-node_modules}/.bin/asc"
"$ASC" assembly/index.ts --runtime stub --use abort= --exportStart _initialize -O3 --noAssert --outFile "$OUT"
echo "built $OUT ($(wc -c < "$OUT") bytes)"
