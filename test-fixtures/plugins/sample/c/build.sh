#!/bin/sh
# Builds sample.wasm from sample.c (on sdk/c/hielements_plugin.h) with Debian's clang and lld (apt-get install clang
# lld): freestanding (no libc), wasm32, MVP features plus bulk memory (memory.copy and memory.fill, which Chicory runs
# as array copies), exports named in the source, no entry point, no custom sections. The result is committed; server
# tests compare a fresh build with it when clang is installed (the same bytes, or the same exports and answers).
set -eu
cd "$(dirname "$0")"
CC="${CC:-clang}"
OUT="${1:-sample.wasm}"
"$CC" --target=wasm32-unknown-unknown -mcpu=mvp -mbulk-memory -Os -ffreestanding -nostdlib \
  -Wall -Wextra -Werror -Wno-unused-function \
  -Wl,--no-entry -Wl,--strip-all \
  -o "$OUT" sample.c
echo "built $(pwd)/$OUT ($(wc -c < "$OUT") bytes)"
