#!/bin/sh
# Builds trap.wasm from trap.c (Debian clang + lld); the result is committed.
set -eu
cd "$(dirname "$0")"
"${CC:-clang}" --target=wasm32-unknown-unknown -mcpu=mvp -Os -ffreestanding -nostdlib -Wall -Wextra -Werror \
  -Wl,--no-entry -Wl,--strip-all -o "${1:-trap.wasm}" trap.c
echo "built $(pwd)/${1:-trap.wasm}"
