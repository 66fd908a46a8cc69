#!/usr/bin/env bash
# Everything the test suite needs on this machine, installed and started by the project itself:
# the local runtime's prerequisites (Java, Maven, a MySQL-compatible server, tmux for the terminal
# tests), its Kafka and Trino artifacts (cached outside the repo), and a Docker engine with a small
# test image. Safe to run again: each part is skipped when already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_updated=""
apt_install() {
  if [ "$(id -u)" != "0" ]; then
    echo "prepare-machine: $* missing and not root; install it and run again" >&2
    exit 1
  fi
  if [ -z "$apt_updated" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v mvn >/dev/null || apt_install maven
command -v tmux >/dev/null || apt_install tmux
command -v openssl >/dev/null || apt_install openssl
if ! command -v mariadbd >/dev/null && ! command -v mysqld >/dev/null && [ ! -x /usr/sbin/mariadbd ]; then
  apt_install mariadb-server
fi

echo "prepare-machine: resolving the local runtime's Kafka and Trino artifacts"
node dist/commands/prefetch.js

echo "prepare-machine: Docker engine and test image"
bash test/setup/docker-engine.sh
