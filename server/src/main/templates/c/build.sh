#!/bin/sh
# Builds __NAME__.wasm with clang and lld (Debian: apt-get install clang lld): freestanding wasm32, no imports.
set -eu
cd "$(dirname "$0")"
"${CC:-clang}" --target=wasm32-unknown-unknown -mcpu=mvp -Os -ffreestanding -nostdlib -Wall -Wextra -Werror \
  -Wno-unused-function -Wl,--no-entry -Wl,--strip-all -o __NAME__.wasm __NAME__.c
echo "built __NAME__.wasm ($(wc -c < __NAME__.wasm) bytes)"
