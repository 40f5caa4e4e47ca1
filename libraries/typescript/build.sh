#!/bin/sh
# Builds typescript.wasm, the module shipped in the jar, with Debian's rustc 1.63 and cargo, offline
# (apt-get install rustc cargo libstd-rust-dev-wasm32 librust-serde-json-dev). The repository's path is remapped so
# the bytes do not depend on where the checkout is. Usage: ./build.sh [OUT.wasm]  (default: ./typescript.wasm)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$here/typescript.wasm}
target=${CARGO_TARGET_DIR:-$here/target}
cd "$here"
PATH=/usr/bin:/bin RUSTC=/usr/bin/rustc CARGO_TARGET_DIR="$target" \
  RUSTFLAGS="--remap-path-prefix=$repo=hielements" \
  /usr/bin/cargo build --release --offline --target wasm32-wasi
cp "$target/wasm32-wasi/release/hielements_typescript.wasm" "$out"
