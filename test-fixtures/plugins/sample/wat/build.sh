#!/bin/sh
# Builds sample.wasm from sample.wat with wat2wasm (Debian: apt-get install wabt; its default features, which include
# bulk memory). The result is committed; server tests compare a fresh build with it when wat2wasm is installed.
# Usage: ./build.sh [OUT.wasm]
set -eu
cd "$(dirname "$0")"
OUT="${1:-sample.wasm}"
wat2wasm sample.wat -o "$OUT"
echo "built $OUT ($(wc -c < "$OUT") bytes)"
