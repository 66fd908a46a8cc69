#!/usr/bin/env bash
# Gives test/docker a real Docker engine on this machine: Debian's docker.io, dockerd on
# the vfs storage driver without iptables (as root), and a tiny busybox image imported from
# the busybox-static binary, since no image registry can be reached. Idempotent: each step
# is skipped when already done, so a second run finishes in about a second.
set -euo pipefail

TEST_IMAGE="${SLOWDATA_TEST_IMAGE:-slowdata-test/busybox:1}"
DOCKERD_LOG="${SLOWDATA_DOCKERD_LOG:-/var/log/slowdata-dockerd.log}"

if [ "$(id -u)" != 0 ]; then
  echo "docker-engine.sh: needs root (to install packages and run dockerd)" >&2
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1 || ! [ -x /bin/busybox ]; then
  echo "docker-engine.sh: installing docker.io and busybox-static"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io busybox-static >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  echo "docker-engine.sh: starting dockerd (log: $DOCKERD_LOG)"
  nohup dockerd --storage-driver=vfs --iptables=false >>"$DOCKERD_LOG" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  if ! docker info >/dev/null 2>&1; then
    echo "docker-engine.sh: dockerd did not answer within 60 s; last lines of its log:" >&2
    tail -n 30 "$DOCKERD_LOG" >&2 || true
    exit 1
  fi
fi

if ! docker image inspect "$TEST_IMAGE" >/dev/null 2>&1; then
  echo "docker-engine.sh: importing $TEST_IMAGE from /bin/busybox"
  rootfs="$(mktemp -d)"
  trap 'rm -rf "$rootfs"' EXIT
  mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/var/www"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
  echo 'root:x:0:' >"$rootfs/etc/group"
  tar -C "$rootfs" -c . | docker import --change 'ENV PATH=/bin' --change 'CMD ["sh"]' - "$TEST_IMAGE" >/dev/null
fi

echo "docker-engine.sh: engine $(docker version --format '{{.Server.Version}}') ready, test image $TEST_IMAGE"
