#!/bin/sh
# Builds the plugin, tries it as the host would, then runs checks.hie on example/ (HIELEMENTS: the command to use,
# default hielements on PATH).
set -eu
cd "$(dirname "$0")"
HIELEMENTS="${HIELEMENTS:-hielements}"
./build.sh
$HIELEMENTS plugin test __NAME__.wasm
$HIELEMENTS check checks.hie
