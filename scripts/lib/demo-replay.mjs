// Builds fixtures/replay/demo.ndjson, the input of the README pictures: the seeded mock engine
// (dist/sources/mock) sampled on a virtual clock, one tick a second, written in the `--record`
// format, plus a scripted incident so the events pane, the markers and the charts have something
// to show. Same seed → same file, byte for byte: nothing here reads the real clock.
//
// The incident (tick numbers are seconds from the start):
//   15–39  blog-worker-1's memory climbs to its 1 GiB limit; 40 OOM kill, 42 restarted by policy
//   30     shop-web-2 turns unhealthy; 50 healthy again
//   55     blog-api-2 restarted (`docker restart`: kill, die, stop, start, restart)
//   64     shop-worker-2 is created (not started: a running container's first tick has no CPU %
//          yet, which would blank the header's total): the pictures wait for it (the header's
//          total grows by one), so each picture shows the same tick whatever the machine's speed
import { prng } from '../../dist/core/model/prng.js';

export const DEMO_SEED = 7;
export const DEMO_EPOCH = Date.UTC(2026, 2, 14, 9, 30, 0); // the virtual clock's start (UTC)
export const DEMO_TICKS = 80;
export const SENTINEL_TICK = 64;
export const SENTINEL_NAME = 'shop-worker-2';
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Returns the replay as NDJSON text. Needs the build (npx tsc -p tsconfig.json). */
export async function buildDemoReplay() {
  let now = DEMO_EPOCH;
  const realNow = Date.now;
  Date.now = () => now; // the mock reads Date.now() for its start, creation times and tick spacing
  try {
    const { createMockSession } = await import('../../dist/sources/mock/mock-session.js');
    const session = createMockSession({ seed: DEMO_SEED });
    return await generate(session, (t) => (now = t));
  } finally {
    Date.now = realNow;
  }
}

async function generate(session, setClock) {
  const rnd = prng(DEMO_SEED * 7919);
  const lines = [{ type: 'header', version: 1, host: session.host, intervalMs: 1000, sourceLabel: 'mock' }];
  const byName = new Map(session.containers().map((c) => [c.name, c]));
  const need = (name) => {
    const c = byName.get(name);
    if (!c || c.state !== 'running') throw new Error(`demo replay: mock seed ${DEMO_SEED} has no running ${name}`);
    return c;
  };
  const victim = need('blog-worker-1');
  const flaky = need('shop-web-2');
  const restarted = need('blog-api-2');
  const template = need('shop-api-1');
  let victimBase = null; // counters at the OOM restart: a new process starts from zero
  let victimMem = 0;
  const fresh = {
    ...template,
    id: hexId(rnd),
    name: SENTINEL_NAME,
    image: 'python:3.12-slim',
    labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'worker', team: 'core' },
    health: null,
    state: 'created',
    status: 'Created',
  };

  for (let k = 0; k < DEMO_TICKS; k++) {
    const t = DEMO_EPOCH + (k + 1) * 1000;
    const events = [];
    const event = (c, action, detail = null, extra = {}) =>
      events.push({ time: t - 400 + events.length * 20, id: c.id, action, detail, name: c.name, image: c.image, exitCode: null, signal: null, attributes: { name: c.name, image: c.image, ...c.labels }, ...extra });
    const override = new Map(); // id → ContainerInfo changes for this tick

    if (k === 30) event(flaky, 'health_status', 'unhealthy');
    if (k >= 30 && k < 50) override.set(flaky.id, { health: 'unhealthy', status: 'Up 3 hours (unhealthy)' });
    if (k === 50) event(flaky, 'health_status', 'healthy');

    if (k === 40) {
      event(victim, 'oom');
      event(victim, 'die', null, { exitCode: 137, attributes: { name: victim.name, image: victim.image, exitCode: '137', ...victim.labels } });
    }
    if (k === 40 || k === 41) override.set(victim.id, { state: 'restarting', status: 'Restarting (137) 1 second ago' });
    if (k === 42) event(victim, 'start');

    if (k === 55) {
      event(restarted, 'kill', null, { signal: 'SIGTERM', attributes: { name: restarted.name, image: restarted.image, signal: '15', ...restarted.labels } });
      event(restarted, 'die', null, { exitCode: 0, attributes: { name: restarted.name, image: restarted.image, exitCode: '0', ...restarted.labels } });
      event(restarted, 'stop');
      override.set(restarted.id, { state: 'exited', status: 'Exited (0) Less than a second ago' });
    }
    if (k === 56) {
      event(restarted, 'start');
      event(restarted, 'restart');
    }
    if (k === SENTINEL_TICK) {
      fresh.created = Math.floor((t - 1000) / 1000);
      event(fresh, 'create');
    }
    for (const e of events) lines.push({ type: 'event', event: e });

    setClock(t);
    session.beginTick();
    const containers = session.containers().map((c) => ({ ...c, labels: { ...c.labels }, ...override.get(c.id) }));
    if (k >= SENTINEL_TICK) containers.push({ ...fresh, labels: { ...fresh.labels } });
    const samples = [];
    for (const c of containers) {
      if (c.state !== 'running') continue;
      // Every running container is sampled every tick: the mock's counters advance per call.
      const s = await session.source.sample(c);
      if (c.id === victim.id) {
        if (k < 40) {
          victimMem = k < 15 ? s.memUsage : s.memUsage + ((GiB * 0.985 - s.memUsage) * (k - 14)) / 25;
          s.memUsage = Math.floor(victimMem);
        } else {
          victimBase ??= { cpuTotalNs: s.cpuTotalNs, netRxBytes: s.netRxBytes, netTxBytes: s.netTxBytes, blkReadBytes: s.blkReadBytes, blkWriteBytes: s.blkWriteBytes };
          for (const key of Object.keys(victimBase)) s[key] -= victimBase[key];
          s.memUsage = Math.floor((70 + (k - 42) * 9) * MiB);
        }
        s.memLimit = GiB;
      }
      samples.push(s);
    }
    lines.push({ type: 'tick', t, containers, samples });
  }
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

function hexId(rnd) {
  return Array.from({ length: 64 }, () => Math.floor(rnd() * 16).toString(16)).join('');
}

/**
 * What the pictures need to know about a built replay: the clock to pin, the tick they wait for
 * and how to recognise it on screen, and the containers running on it.
 */
export function demoFacts(replayText) {
  const ticks = replayText.split('\n').filter((l) => l.startsWith('{"type":"tick"')).map((l) => JSON.parse(l));
  const at = ticks[SENTINEL_TICK];
  return {
    epoch: DEMO_EPOCH,
    sentinelTick: SENTINEL_TICK,
    sentinelName: SENTINEL_NAME,
    runningAtSentinel: at.containers.filter((c) => c.state === 'running').map((c) => c.name).sort(),
  };
}
