// detailsFromInspect against fixtures/inspect: one recorded on the test host, one hand-written.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { detailsFromInspect, orderedLabels } from '../../../src/core/model/container-details.js';
import { inspectDetails, inspectErrorText } from '../../../src/commands/docker/inspect.js';

const load = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../fixtures/inspect/${name}`, import.meta.url), 'utf8'));

describe('detailsFromInspect: recorded busybox (Docker 20.10)', () => {
  const d = detailsFromInspect(load('busybox-limits-health-docker-20.10.json'));

  test('identity', () => {
    assert.equal(d.id, '9a09d8f174d900a112fe956cb8b89c6b95a5aa9c436d8faaa0fb14e728008fb3');
    assert.equal(d.name, 'ctop-ev-inspect');
    assert.equal(d.image, 'ctop-test/busybox');
    assert.equal(d.imageId, 'sha256:06dfef600fb3ad9ae29936db8d14cf08b95092a8e2fe848d9bd5bd4935a9e7fc');
    assert.equal(d.imageDigest, null);
    assert.deepEqual(d.command, ['sh', '-c', 'echo started; sleep 100000']);
  });

  test('times; Go zero time is null', () => {
    assert.equal(d.created, Date.parse('2026-11-21T12:17:08.695Z'));
    assert.equal(d.startedAt, Date.parse('2026-11-21T12:17:09.170Z'));
    assert.equal(d.finishedAt, null);
  });

  test('state and health with the last check', () => {
    assert.equal(d.state, 'running');
    assert.equal(d.exitCode, 0);
    assert.equal(d.error, null);
    assert.equal(d.oomKilled, false);
    assert.equal(d.pid, 21908);
    assert.deepEqual(d.health, {
      status: 'healthy',
      failingStreak: 0,
      test: ['CMD-SHELL', 'true'],
      lastOutput: '',
      lastExitCode: 0,
      lastAt: Date.parse('2026-11-21T12:17:13.329Z'),
    });
  });

  test('limits and restart policy', () => {
    assert.equal(d.cpuLimitCores, 0.5);
    assert.equal(d.memoryLimit, 64 * 1024 * 1024);
    assert.equal(d.memoryReservation, null);
    assert.equal(d.pidsLimit, 100);
    assert.deepEqual(d.restartPolicy, { name: 'on-failure', maxRetries: 3 });
    assert.equal(d.restartCount, 0);
  });

  test('network none, no ports; the bind mount read-only', () => {
    assert.equal(d.networkMode, 'none');
    assert.deepEqual(d.ports, []);
    assert.deepEqual(d.networks, [{ name: 'none', ipAddress: null, prefixLen: null, ipv6Address: null, gateway: null, macAddress: null, aliases: [] }]);
    assert.deepEqual(d.mounts, [{ type: 'bind', name: null, source: '/tmp', destination: '/data', readOnly: true }]);
  });

  test('labels and environment', () => {
    assert.equal(d.labels['com.docker.compose.project'], 'shop');
    assert.deepEqual(d.env, [
      { key: 'APP_MODE', value: 'production' },
      { key: 'DB_PASSWORD', value: 'hunter2' },
      { key: 'PATH', value: '/bin' },
    ]);
  });
});

describe('detailsFromInspect: hand-written nginx with ports and two networks', () => {
  const d = detailsFromInspect(load('nginx-ports-two-networks-handwritten.json'));

  test('image digest from ImageManifestDescriptor; command is entrypoint path + args', () => {
    assert.equal(d.imageDigest, 'sha256:5f0e1b4c3d2a19087f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a29180');
    assert.deepEqual(d.command, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    assert.equal(d.name, 'shop-web-1');
  });

  test('CPU limit from quota/period; cpuset and reservation', () => {
    assert.equal(d.cpuLimitCores, 1.5);
    assert.equal(d.cpusetCpus, '0-1');
    assert.equal(d.memoryLimit, 512 * 1024 * 1024);
    assert.equal(d.memoryReservation, 256 * 1024 * 1024);
    assert.equal(d.pidsLimit, null);
    assert.deepEqual(d.restartPolicy, { name: 'unless-stopped', maxRetries: 0 });
    assert.equal(d.restartCount, 2);
  });

  test('unhealthy with the failing output', () => {
    assert.equal(d.health?.status, 'unhealthy');
    assert.equal(d.health?.failingStreak, 4);
    assert.equal(d.health?.lastExitCode, 1);
    assert.match(d.health?.lastOutput ?? '', /Connection refused/);
    assert.deepEqual(d.health?.test, ['CMD', 'curl', '-fsS', 'http://localhost/']);
  });

  test('ports: live bindings (IPv4 and IPv6), published first, then exposed-only', () => {
    assert.deepEqual(d.ports, [
      { containerPort: 53, protocol: 'udp', hostIp: '0.0.0.0', hostPort: 5353 },
      { containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 },
      { containerPort: 80, protocol: 'tcp', hostIp: '::', hostPort: 8080 },
      { containerPort: 9113, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 49153 },
      { containerPort: 443, protocol: 'tcp', hostIp: null, hostPort: null },
    ]);
  });

  test('two networks with IPs', () => {
    assert.deepEqual(
      d.networks.map((n) => [n.name, n.ipAddress, n.prefixLen, n.ipv6Address, n.gateway]),
      [
        ['shop_frontend', '172.20.0.3', 16, 'fd00:20::3', '172.20.0.1'],
        ['shop_backend', '172.21.0.5', 16, null, '172.21.0.1'],
      ],
    );
  });

  test('mounts: volume (with its name), read-only bind, tmpfs', () => {
    assert.deepEqual(
      d.mounts.map((m) => [m.type, m.name, m.destination, m.readOnly]),
      [
        ['volume', 'shop_static', '/usr/share/nginx/html', false],
        ['bind', null, '/etc/nginx/nginx.conf', true],
        ['tmpfs', null, '/var/cache/nginx', false],
      ],
    );
  });

  test('env values keep later "=" and empty values', () => {
    assert.deepEqual(d.env.slice(1, 3), [
      { key: 'API_TOKEN', value: 's3cr3t=with=equals' },
      { key: 'EMPTY', value: '' },
    ]);
  });

  test('labels: compose first in reading order, then the rest alphabetically', () => {
    assert.deepEqual(
      orderedLabels(d.labels).map(([k]) => k),
      [
        'com.docker.compose.project',
        'com.docker.compose.service',
        'com.docker.compose.container-number',
        'com.docker.compose.oneoff',
        'com.docker.compose.project.working_dir',
        'com.docker.compose.config-hash',
        'com.docker.compose.depends_on',
        'com.docker.compose.image',
        'com.docker.compose.version',
        'com.example.tier',
        'maintainer',
      ],
    );
  });
});

describe('detailsFromInspect: sparse and odd input', () => {
  test('an empty object gives safe defaults, never throws', () => {
    const d = detailsFromInspect({});
    assert.equal(d.state, 'unknown');
    assert.equal(d.health, null);
    assert.deepEqual(d.restartPolicy, { name: 'no', maxRetries: 0 });
    assert.equal(d.cpuLimitCores, null);
    assert.deepEqual([d.ports, d.networks, d.mounts, d.env, d.command], [[], [], [], [], []]);
    assert.doesNotThrow(() => detailsFromInspect(null));
    assert.doesNotThrow(() => detailsFromInspect({ State: 'x', Mounts: 'y', Config: { Env: [1, 'A=b'] } }));
  });

  test('ports fall back to HostConfig.PortBindings when the container is not running', () => {
    const d = detailsFromInspect({ NetworkSettings: { Ports: {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } } });
    assert.deepEqual(d.ports, [{ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 }]);
  });

  test('a digest pinned in the image reference', () => {
    assert.equal(detailsFromInspect({ Config: { Image: 'nginx@sha256:abc123' } }).imageDigest, 'sha256:abc123');
  });
});

test('inspectDetails calls getContainer(id).inspect() and maps the answer', async () => {
  const asked: string[] = [];
  const docker = { getContainer: (id: string) => ({ inspect: async () => (asked.push(id), load('busybox-limits-health-docker-20.10.json')) }) };
  const d = await inspectDetails(docker, 'abc');
  assert.deepEqual(asked, ['abc']);
  assert.equal(d.name, 'ctop-ev-inspect');
});

test('inspectErrorText: 404, engine message, socket error', () => {
  assert.equal(inspectErrorText({ statusCode: 404, json: { message: 'No such container: x' } }), 'container no longer exists');
  assert.equal(inspectErrorText({ statusCode: 500, json: { message: 'boom\u001b[2J' }, message: '(HTTP code 500)' }), 'inspect failed: boom');
  assert.equal(inspectErrorText(Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' })), 'inspect failed: connect ENOENT /var/run/docker.sock (ENOENT)');
  assert.equal(inspectErrorText(null), 'inspect failed: null');
});
