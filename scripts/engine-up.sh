#!/usr/bin/env bash
# Brings up what the engine tests need on a bare Debian machine, idempotently:
# packages, a dockerd with its bridge disabled (no traffic leaves this machine),
# and the busybox test image built by `docker import` (no registry is reachable).
# Safe to run again: it reuses an engine that answers, waits for one that is
# still starting, and clears the pidfile/socket a killed dockerd leaves behind.
# Podman, sshd and openssl are installed here; the tests start their own servers.
set -euo pipefail

IMAGE=${CTOP_TEST_IMAGE:-ctop-test/busybox:latest}
DATA_ROOT=${CTOP_DOCKER_DATA_ROOT:-/var/lib/ctop-test-docker}
# The next four only change to try this script beside an engine that is running.
SOCK=${CTOP_DOCKER_SOCK:-/var/run/docker.sock}
EXEC_ROOT=${CTOP_DOCKER_EXEC_ROOT:-/var/run/docker}
PIDFILE=${CTOP_DOCKER_PIDFILE:-/var/run/docker.pid}
LOG=${CTOP_DOCKER_LOG:-/tmp/dockerd.log}
if [ -n "${CTOP_DOCKER_SOCK:-}" ] || [ -z "${DOCKER_HOST:-}" ]; then
  export DOCKER_HOST="unix://$SOCK"
fi

# A dynamically linked busybox (package `busybox`) would not run in an image without libc.
static_busybox() { [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; }

need=()
command -v dockerd >/dev/null || need+=(docker.io)
static_busybox || need+=(busybox-static)
command -v tmux >/dev/null || need+=(tmux)
command -v jq >/dev/null || need+=(jq)
# Several engines, remote engines (test/engine/{podman,fleet,remote}.test.ts).
command -v podman >/dev/null || need+=(podman)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v openssl >/dev/null || need+=(openssl)
# Servers the export tests start themselves (serve-prometheus, influx-push); never run as services here.
[ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || need+=(prometheus)
[ -x /usr/bin/influxd ] || need+=(influxdb)
# `ctop-ts check` is run by a real Nagios in test/engine/check.test.ts (the core only: no web UI).
[ -x /usr/sbin/nagios4 ] || need+=(nagios4-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "engine-up: installing ${need[*]}"
  # Packages such as influxdb, prometheus and sshd would start their services with their default
  # configs (listening on every address, influxd reporting usage). The tests start their own on
  # loopback, so keep the packages' services from starting while they install.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  for attempt in 1 2 3; do
    # Retried: a mirror hiccup should not fail a whole CI run.
    if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; then
      break
    fi
    [ "$attempt" -lt 3 ] || { echo "engine-up: apt-get failed" >&2; exit 1; }
    sleep 5
  done
fi

# Bounded: against a hung (e.g. stopped) dockerd the socket accepts and never answers.
engine_answers() { timeout 5 docker info >/dev/null 2>&1; }

# Running and not a zombie (a killed dockerd stays one until it is reaped).
running() { [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status"; }

# Prints the pid in a pidfile if that process is running and is named $2.
live_pid() {
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] && running "$pid" && echo "$pid"
}

wait_for_engine() {
  local deadline=$((SECONDS + $1)) pid=${2:-}
  while [ "$SECONDS" -lt "$deadline" ]; do
    engine_answers && return 0
    # Stop waiting as soon as the dockerd we watch has died.
    if [ -n "$pid" ] && ! running "$pid"; then return 1; fi
    sleep 0.5
  done
  engine_answers
}

if ! engine_answers && pid=$(live_pid "$PIDFILE" dockerd); then
  echo "engine-up: dockerd $pid is running but not answering yet; waiting"
  if ! wait_for_engine 30 "$pid"; then
    echo "engine-up: dockerd $pid still does not answer on $DOCKER_HOST; restarting it"
    kill "$pid" 2>/dev/null || true
    kill -CONT "$pid" 2>/dev/null || true  # a stopped process only sees TERM once resumed
    for _ in $(seq 1 40); do running "$pid" || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
fi

if ! engine_answers; then
  # Left behind when the last dockerd was killed: dockerd refuses a pidfile
  # whose pid now belongs to another process, and a containerd pidfile likewise.
  rm -f "$PIDFILE"
  live_pid "$EXEC_ROOT/containerd/containerd.pid" containerd >/dev/null || rm -f "$EXEC_ROOT/containerd/containerd.pid"
  [ ! -S "$SOCK" ] || rm -f "$SOCK"
  echo "engine-up: starting dockerd (data root $DATA_ROOT, bridge disabled, log $LOG)"
  # Detached with no inherited stdio, so CI does not wait on it.
  setsid nohup dockerd --data-root "$DATA_ROOT" --exec-root "$EXEC_ROOT" --pidfile "$PIDFILE" \
    -H "unix://$SOCK" --bridge=none --iptables=false </dev/null >>"$LOG" 2>&1 &
  if ! wait_for_engine 60 $!; then
    echo "engine-up: dockerd did not start; last lines of $LOG:" >&2
    tail -20 "$LOG" >&2
    exit 1
  fi
fi

# The image part is shared with `npm test` and the private engines of test/helpers/dockerd.ts.
bash "$(dirname "$0")/test-image.sh"
echo "engine-up: engine $(docker version --format '{{.Server.Version}}') ready at $DOCKER_HOST, image $IMAGE"
