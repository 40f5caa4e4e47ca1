#!/bin/sh
# Builds typescript.wasm, the module shipped in the jar, with Debian's rustc 1.63 and cargo, offline
# (apt-get install rustc cargo libstd-rust-dev-wasm32 librust-serde-json-dev). Usage: ./build.sh [OUT.wasm]
# (default: ./typescript.wasm).
# Reproducible wherever the checkout is: cargo hashes a path dependency's absolute folder into its crate metadata,
# which orders the generated code, so remapping the path is not enough. The sources (this crate and the Rust SDK) are
# copied to one fixed folder and built there, one build at a time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$here/typescript.wasm}
case "$out" in /*) ;; *) out="$(pwd)/$out" ;; esac
stage=/tmp/hielements-reproducible-build
mkdir -p "$stage"
exec 8>"$stage.lock"
flock 8
rm -rf "$stage/libraries" "$stage/sdk"
mkdir -p "$stage/libraries/typescript" "$stage/sdk/rust"
cp -R "$here/Cargo.toml" "$here/Cargo.lock" "$here/src" "$here/.cargo" "$stage/libraries/typescript/"
cp -R "$repo/sdk/rust/hielements-plugin" "$stage/sdk/rust/"
rm -rf "$stage/sdk/rust/hielements-plugin/target"
cd "$stage/libraries/typescript"
PATH=/usr/bin:/bin RUSTC=/usr/bin/rustc CARGO_TARGET_DIR="$stage/target" \
  RUSTFLAGS="--remap-path-prefix=$stage=hielements" \
  /usr/bin/cargo build --release --offline --target wasm32-wasi
cp "$stage/target/wasm32-wasi/release/hielements_typescript.wasm" "$out"
