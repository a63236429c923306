#!/usr/bin/env bash
# Brings up what the engine tests need on a bare Debian machine, idempotently:
# packages, a dockerd with its bridge disabled (no traffic leaves this machine),
# and the busybox test image built by `docker import` (no registry is reachable).
set -euo pipefail

IMAGE=${CTOP_TEST_IMAGE:-ctop-test/busybox:latest}
DATA_ROOT=${CTOP_DOCKER_DATA_ROOT:-/var/lib/ctop-test-docker}

need=()
command -v dockerd >/dev/null || need+=(docker.io)
[ -x /bin/busybox ] || need+=(busybox-static)
command -v tmux >/dev/null || need+=(tmux)
command -v jq >/dev/null || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
  echo "engine-up: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  echo "engine-up: starting dockerd (data root $DATA_ROOT, bridge disabled)"
  nohup dockerd --data-root "$DATA_ROOT" --bridge=none --iptables=false >/tmp/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { echo "engine-up: dockerd did not start; see /tmp/dockerd.log" >&2; tail -20 /tmp/dockerd.log >&2; exit 1; }
fi

if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "engine-up: building $IMAGE from /bin/busybox"
  dir=$(mktemp -d)
  mkdir -p "$dir/bin" "$dir/tmp" "$dir/dev/shm" "$dir/proc" "$dir/sys" "$dir/etc"
  cp /bin/busybox "$dir/bin/busybox"
  for app in sh ash sleep yes dd cat echo ls ps seq head tail top kill printf true false env id hostname date wc grep sed awk uptime; do
    ln -sf busybox "$dir/bin/$app"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$dir/etc/passwd"
  tar -C "$dir" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null
  rm -rf "$dir"
fi
echo "engine-up: engine $(docker version --format '{{.Server.Version}}') ready, image $IMAGE"
