#!/bin/sh
# Builds files_c.wasm from files_c.c with Debian's clang and lld (apt-get install clang lld): freestanding, wasm32,
# MVP features only, no imports. Usage: ./build.sh [OUT.wasm]
set -eu
cd "$(dirname "$0")"
OUT="${1:-files_c.wasm}"
"${CC:-clang}" --target=wasm32-unknown-unknown -mcpu=mvp -Os -ffreestanding -nostdlib -Wall -Wextra -Werror \
  -Wno-unused-function -Wl,--no-entry -Wl,--strip-all -o "$OUT" files_c.c
echo "built $OUT ($(wc -c < "$OUT") bytes)"
