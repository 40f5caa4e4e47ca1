#!/bin/sh
# Builds sample.wasm from src/lib.rs (on sdk/rust/hielements-plugin) with Debian's rustc 1.63 and cargo, offline,
# from Debian's packaged crates (apt-get install rustc cargo libstd-rust-dev-wasm32 librust-serde-json-dev), for
# wasm32-wasi (the selector reads the workspace through WASI). Reproducible: the checkout's folder is remapped out of
# the module, symbols stripped. The result is committed; server tests compare a fresh build with it when the toolchain
# is installed (the same bytes, or the same exports and answers).
# Usage: ./build.sh [OUT.wasm]   (CARGO_TARGET_DIR: where cargo builds; default target/ here)
set -eu
cd "$(dirname "$0")"
HERE="$(pwd -P)"
ROOT="$(cd ../../../.. && pwd -P)"
OUT="${1:-sample.wasm}"
TARGET_DIR="${CARGO_TARGET_DIR:-$HERE/target}"
PATH=/usr/bin:/bin RUSTC=/usr/bin/rustc CARGO_TARGET_DIR="$TARGET_DIR" \
  RUSTFLAGS="--remap-path-prefix=$ROOT=/hielements --remap-path-prefix=$HOME=/home" \
  /usr/bin/cargo build --release --offline --target wasm32-wasi --quiet
cp "$TARGET_DIR/wasm32-wasi/release/sample.wasm" "$OUT"
echo "built $OUT ($(wc -c < "$OUT") bytes)"
