#!/bin/sh
# Builds __NAME__.wasm with Debian's rustc and cargo, offline (apt-get install rustc cargo libstd-rust-dev-wasm32
# librust-serde-json-dev). TARGET=wasm32-unknown-unknown gives a module that imports nothing (no workspace reads).
set -eu
cd "$(dirname "$0")"
TARGET="${TARGET:-wasm32-wasi}"
PATH=/usr/bin:$PATH cargo build --release --offline --target "$TARGET"
cp "${CARGO_TARGET_DIR:-target}/$TARGET/release/__NAME__.wasm" __NAME__.wasm
echo "built __NAME__.wasm ($(wc -c < __NAME__.wasm) bytes, $TARGET)"
