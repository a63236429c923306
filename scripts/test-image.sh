#!/usr/bin/env bash
# Builds the busybox test image into the engine at $DOCKER_HOST (or the local socket) with
# `docker import` (no registry is reachable), unless it is there and runs. Used by
# scripts/engine-up.sh, by `npm test` (scripts/run-tests.js) and by test/helpers/dockerd.ts for
# the private engines some tests start. Needs a static /bin/busybox (package busybox-static).
set -euo pipefail

IMAGE=${CTOP_TEST_IMAGE:-ctop-test/busybox:latest}

image_runs() { docker run --rm --network none "$IMAGE" /bin/sh -c true >/dev/null 2>&1; }

if docker image inspect "$IMAGE" >/dev/null 2>&1 && ! image_runs; then
  # E.g. built earlier from a dynamic busybox: rebuild rather than fail every test.
  echo "test-image: $IMAGE does not run; rebuilding it"
  docker rmi -f "$IMAGE" >/dev/null
fi

if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then
    echo "test-image: a static /bin/busybox is needed (apt-get install busybox-static, or run scripts/engine-up.sh)" >&2
    exit 1
  fi
  echo "test-image: building $IMAGE from /bin/busybox"
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  mkdir -p "$dir/bin" "$dir/tmp" "$dir/dev/shm" "$dir/proc" "$dir/sys" "$dir/etc"
  cp /bin/busybox "$dir/bin/busybox"
  for app in sh ash sleep yes dd cat echo ls ps seq head tail top kill printf true false env id hostname date wc grep sed awk uptime; do
    ln -sf busybox "$dir/bin/$app"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$dir/etc/passwd"
  tar -C "$dir" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null
  image_runs || { echo "test-image: $IMAGE was built but does not run" >&2; exit 1; }
fi
