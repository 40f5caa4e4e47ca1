#!/bin/sh
# Builds fetch.wasm from fetch.c with Debian's clang and lld (apt-get install clang lld): freestanding, wasm32; it
# imports only hielements.http_request. Usage: ./build.sh [OUT.wasm]
set -eu
cd "$(dirname "$0")"
OUT="${1:-fetch.wasm}"
"${CC:-clang}" --target=wasm32-unknown-unknown -mcpu=mvp -Os -ffreestanding -nostdlib -Wall -Wextra -Werror \
  -Wno-unused-function -Wl,--no-entry -Wl,--strip-all -o "$OUT" fetch.c
echo "built $OUT ($(wc -c < "$OUT") bytes)"
