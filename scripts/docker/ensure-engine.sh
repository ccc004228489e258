#!/bin/bash
# Makes this machine ready for `dnet-test --backend docker`. Idempotent: each step is
# skipped when already done.
#   1. packages: docker.io, busybox-static, iputils-ping, docker-compose (apt-get)
#   2. a Docker engine answering on the default socket (dockerd started if none answers)
#   3. the stand-in images (scripts/docker/build-images.sh) in that engine, and the
#      image cache the backend's private engines load (~/.cache/dnet-test)
# Exit 0 when an engine answers at the end, 1 otherwise (the reason on stderr).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DOCKER=/usr/bin/docker                 # the engine package's client, never the `docker` first on PATH
STATE=${DNET_ENGINE_STATE:-/var/tmp/dnet-test}
LOG=$STATE/dockerd.log
PIDFILE=$STATE/dockerd.pid
say() { echo "ensure-engine: $*"; }

SUDO=
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
fi

# 1. packages
missing=()
[ -x /usr/bin/docker ] && command -v dockerd >/dev/null || missing+=(docker.io)
{ [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; } || missing+=(busybox-static)
command -v ping >/dev/null || missing+=(iputils-ping)
[ -x /usr/bin/docker-compose ] || missing+=(docker-compose)
command -v unshare >/dev/null && command -v nsenter >/dev/null || missing+=(util-linux)
command -v ip >/dev/null || missing+=(iproute2)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] && [ -z "$SUDO" ]; then
    echo "ensure-engine: missing ${missing[*]} and not root: cannot install" >&2
    exit 1
  fi
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. an engine on the default socket
if ! $SUDO "$DOCKER" info >/dev/null 2>&1; then
  $SUDO mkdir -p "$STATE"
  if [ -s "$PIDFILE" ] && $SUDO kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    say "dockerd (pid $(cat "$PIDFILE")) is starting"
  else
    say "starting dockerd (log: $LOG)"
    # setsid: the daemon must outlive this script and its terminal.
    $SUDO setsid sh -c "exec dockerd >>'$LOG' 2>&1 </dev/null & echo \$! > '$PIDFILE'"
  fi
  for _ in $(seq 1 60); do
    $SUDO "$DOCKER" info >/dev/null 2>&1 && break
    sleep 0.5
  done
  if ! $SUDO "$DOCKER" info >/dev/null 2>&1; then
    echo "ensure-engine: dockerd did not answer within 30 s; last log lines:" >&2
    $SUDO tail -n 5 "$LOG" >&2 || true
    exit 1
  fi
fi
say "engine $($SUDO "$DOCKER" version --format '{{.Server.Version}}') answers"

# 3. images, and the cache private engines load (named after the build script's hash,
#    as src/backends/docker/engine.ts computes it)
$SUDO env DNET_DOCKER="$DOCKER" bash "$HERE/build-images.sh"
VERSION=$(cat "$HERE/build-images.sh" "$HERE/catalog-images.mjs" "$HERE/../../src/engine/images/catalog.json" 2>/dev/null | sha256sum | cut -c1-12)
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/dnet-test/images-$VERSION.tar
if [ ! -s "$CACHE" ]; then
  $SUDO env DNET_DOCKER="$DOCKER" bash "$HERE/build-images.sh" --save "$CACHE"
fi

if [ "$(id -u)" = 0 ] && unshare --net true 2>/dev/null; then
  say "ready: the docker backend will use a private engine per run"
else
  say "ready: the docker backend will use the shared engine (no private engine: needs root and network namespaces)"
fi
