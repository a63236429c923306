// The "several engines" picture needs real engines: the local Docker engine and a Podman service
// this module starts on its own socket, each running two small busybox containers (labelled
// ctop-test=1 and ctop-shots=demo, --network none, a light CPU load). ctop-ts watches both with
// -H twice. Unlike the replay pictures its numbers differ from run to run; the names do not.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';

const IMAGE = process.env.CTOP_TEST_IMAGE ?? 'ctop-test/busybox:latest';
const PODMAN_IMAGE = `localhost/${IMAGE}`;
const PODMAN_DIR = '/run/ctop-shots-podman';
const PODMAN_SOCK = `${PODMAN_DIR}/podman.sock`;
const DOCKER_SOCK = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');
export const SHOTS_LABEL = 'ctop-shots=demo';
// A light, uneven load: count for a while, sleep, repeat (busybox sh has no sub-second timer).
const load = (n) => `while :; do i=0; while [ $i -lt ${n} ]; do i=$((i+1)); done; sleep 1; done`;
const CONTAINERS = {
  docker: [
    { name: 'shop-web-1', project: 'shop', service: 'web', cmd: load(60_000) },
    { name: 'shop-api-1', project: 'shop', service: 'api', cmd: load(300_000) },
  ],
  podman: [
    { name: 'blog-web-1', project: 'blog', service: 'web', cmd: load(30_000) },
    { name: 'blog-db-1', project: 'blog', service: 'db', cmd: load(150_000) },
  ],
};

function run(cmd, args, timeout = 60_000) {
  return new Promise((resolve) =>
    execFile(cmd, args, { timeout, encoding: 'utf8', maxBuffer: 8 << 20 }, (err, stdout, stderr) => resolve({ ok: !err, stdout, stderr: stderr || (err ? err.message : '') })),
  );
}

/** True when the engine on this socket answers 200 to GET path (by default its ping). */
const answers = (sock, path = '/_ping') =>
  new Promise((resolve) => {
    if (!existsSync(sock)) return resolve(false);
    const s = connect(sock, () => s.write(`GET ${path} HTTP/1.0\r\n\r\n`));
    s.setTimeout(3000, () => (s.destroy(), resolve(false)));
    s.on('data', (d) => (s.destroy(), resolve(/^HTTP\/1\.[01] 200/.test(String(d)))));
    s.on('error', () => resolve(false));
  });

/** Null when the picture can be taken here, else why not. */
export async function enginesMissingReason() {
  if (process.getuid?.() !== 0) return 'needs root (Podman)';
  if (!(await answers(DOCKER_SOCK))) return `no Docker engine answers on ${DOCKER_SOCK}`;
  if (!(await run('docker', ['image', 'inspect', IMAGE])).ok) return `the test image ${IMAGE} is missing (scripts/engine-up.sh builds it)`;
  if (!(await run('podman', ['--version'])).ok) return 'podman is not installed';
  return null;
}

async function podmanImage() {
  if ((await run('podman', ['image', 'exists', PODMAN_IMAGE])).ok) return;
  // The same image, copied from Docker (no registry is reachable).
  // `podman load` names a registry-less image localhost/NAME, which is PODMAN_IMAGE.
  const r = await run('bash', ['-c', 'docker save "$1" | podman load >/dev/null && podman image exists "$2"', '_', IMAGE, PODMAN_IMAGE], 180_000);
  if (!r.ok) throw new Error(`engines: could not copy ${IMAGE} into Podman: ${r.stderr.trim()}`);
}

async function removeOld() {
  for (const cli of ['docker', 'podman']) {
    const left = async () => (await run(cli, ['ps', '-aq', '--filter', `label=${SHOTS_LABEL}`])).stdout.trim().split('\n').filter(Boolean);
    // A busy engine can still hold a name while it removes the container: wait until it is gone.
    const deadline = Date.now() + 30_000;
    for (let ids = await left(); ids.length && Date.now() < deadline; ids = await left()) {
      await run(cli, ['rm', '-f', ...ids]);
    }
  }
}

/**
 * Starts the Podman service (unless one answers already) and the four containers. Returns the
 * ctop-ts arguments, the names to expect, and a cleanup that removes everything it made.
 */
export async function setUpEngines() {
  let service = null;
  if (!(await answers(PODMAN_SOCK))) {
    mkdirSync(PODMAN_DIR, { recursive: true });
    rmSync(PODMAN_SOCK, { force: true });
    service = spawn('podman', ['system', 'service', '--time=0', `unix://${PODMAN_SOCK}`], { stdio: 'ignore' });
  }
  // If this process ends first (Ctrl-C, a crash), nothing may stay behind: synchronously then.
  const onExit = () => {
    for (const cli of ['docker', 'podman']) {
      try {
        const ids = execFileSync(cli, ['ps', '-aq', '--filter', `label=${SHOTS_LABEL}`], { encoding: 'utf8', timeout: 20_000 }).split('\n').filter(Boolean);
        if (ids.length) execFileSync(cli, ['rm', '-f', ...ids], { stdio: 'ignore', timeout: 30_000 });
      } catch {
        /* best effort */
      }
    }
    if (service && service.exitCode === null) service.kill('SIGTERM');
  };
  const onSignal = () => process.exit(130);
  process.on('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const cleanup = async () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await removeOld();
    if (service && service.exitCode === null) {
      service.kill('SIGTERM');
      await new Promise((r) => service.once('exit', r));
      rmSync(PODMAN_SOCK, { force: true });
    }
  };
  try {
    const deadline = Date.now() + 30_000;
    while (!(await answers(PODMAN_SOCK))) {
      if (Date.now() > deadline || (service && service.exitCode !== null)) throw new Error(`engines: podman system service did not answer on ${PODMAN_SOCK}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await podmanImage();
    await removeOld();
    for (const [cli, image] of [['docker', IMAGE], ['podman', PODMAN_IMAGE]]) {
      for (const c of CONTAINERS[cli]) {
        const args = ['run', '-d', '--network', 'none', '--name', c.name, '--label', 'ctop-test=1', '--label', SHOTS_LABEL];
        args.push('--label', `com.docker.compose.project=${c.project}`, '--label', `com.docker.compose.service=${c.service}`);
        if (cli === 'podman') args.push('--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=4096:4096');
        const r = await run(cli, [...args, image, 'sh', '-c', c.cmd]);
        if (!r.ok) throw new Error(`engines: ${cli} run ${c.name} failed: ${r.stderr.trim()}`);
      }
    }
    // A fresh Podman service can be slow to list containers the first time (storage locks shared
    // with other podman commands): ask until it lists them, so ctop-ts finds it ready.
    const listed = Date.now() + 30_000;
    while (!(await answers(PODMAN_SOCK, '/containers/json'))) {
      if (Date.now() > listed) throw new Error(`engines: the Podman service on ${PODMAN_SOCK} does not list containers`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (err) {
    await cleanup();
    throw err;
  }
  return {
    args: ['-H', `docker=unix://${DOCKER_SOCK}`, '-H', `podman=unix://${PODMAN_SOCK}`, '-l', SHOTS_LABEL],
    expect: [...CONTAINERS.docker, ...CONTAINERS.podman].map((c) => c.name),
    cleanup,
  };
}
