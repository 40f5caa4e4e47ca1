#!/bin/sh
# Builds sample.wasm from sample.c with Debian's clang and lld (apt-get install clang lld):
# freestanding (no libc), wasm32, MVP features only, exports named in the source, no entry point.
# The result is committed; server tests compare a fresh build with it when clang is installed.
set -eu
cd "$(dirname "$0")"
CC="${CC:-clang}"
OUT="${1:-sample.wasm}"
"$CC" --target=wasm32-unknown-unknown -mcpu=mvp -Os -ffreestanding -nostdlib \
  -Wall -Wextra -Werror \
  -Wl,--no-entry -Wl,--strip-all \
  -o "$OUT" sample.c
echo "built $(pwd)/$OUT ($(wc -c < "$OUT") bytes)"
