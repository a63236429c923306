// Remote engines for real: ssh:// through an OpenSSH server this test starts on 127.0.0.1 (to the
// shared engine's socket), and tcp:// with TLS to a private dockerd started with --tlsverify and
// certificates this test makes; TLS from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH and from a context.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRequiring } from '../helpers/requirement.js';
import { engineMissingReason, removeContainers, runContainer, TEST_IMAGE, TEST_LABEL, testContainerName } from '../helpers/engine.js';
import { dockerdMissingReason, startDockerd, type PrivateDockerd } from '../helpers/dockerd.js';
import { freePort } from '../helpers/free-port.js';
import { sshdMissingReason, startSshd, type Sshd } from '../helpers/sshd.js';
import { makeCerts, opensslMissingReason, type TestCerts } from '../helpers/tls.js';
import { podmanMissingReason, startPodman, type PodmanService } from '../helpers/podman.js';
import { contextId } from '../../src/sources/engine/contexts.js';
import { runCtop as ctop } from '../helpers/run-ctop.js';

const RUN = `ctop-remote-${process.pid}`;
const jsonLines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

describeRequiring('remote engines', async () => (await engineMissingReason()) ?? (await sshdMissingReason()) ?? (await dockerdMissingReason()) ?? (await opensslMissingReason()), () => {
  let local: string;
  before(async () => {
    local = await runContainer({ name: 'remote', cmd: 'sleep 3600', labels: { run: RUN } });
  });
  after(() => removeContainers([local]));

  describe('ssh://', () => {
    let sshd: Sshd;
    before(async () => {
      sshd = await startSshd();
    });
    after(() => sshd?.stop());

    it('--no-stream --json reads the engine over one ssh tunnel (API source, remote)', async () => {
      const r = await ctop(['-H', sshd.url, '--no-stream', '--json', '-l', `run=${RUN}`], sshd.clientEnv);
      assert.equal(r.code, 0, r.stderr);
      const rows = jsonLines(r.stdout);
      assert.deepEqual(rows.map((x) => x.id), [local]);
      assert.equal(rows[0].source, 'api'); // not local: no cgroup fast path
      assert.ok(rows[0].memUsage > 0);
    });

    it('a login that fails is one clear line, exit 1', async () => {
      const r = await ctop(['-H', sshd.url, '--no-stream'], { CTOP_SSH_COMMAND: 'ssh -F /dev/null -o IdentitiesOnly=yes -o IdentityFile=/nonexistent -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null' });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^ctop-ts: cannot reach the engine at ssh:\/\/root@127\.0\.0\.1:\d+ over ssh: .*Permission denied/);
    });
  });

  describe('tcp:// with TLS', () => {
    let certs: TestCerts;
    let engine: PrivateDockerd;
    let url: string;
    let id: string;
    let configDir: string;
    before(async () => {
      certs = makeCerts();
      const port = await freePort();
      url = `tcp://127.0.0.1:${port}`;
      engine = await startDockerd({ name: 'tls', extraArgs: certs.dockerdArgs(port) });
      const r = await engine.docker(['run', '-d', '--network', 'none', '--label', TEST_LABEL, '--label', `run=${RUN}`, '--name', testContainerName('tls'), TEST_IMAGE, 'sleep', '3600']);
      assert.equal(r.code, 0, r.stderr);
      id = r.stdout.trim();
      // A Docker CLI config dir with a context holding the same certificates.
      configDir = mkdtempSync(join(tmpdir(), 'ctop-docker-config-'));
      const cid = contextId('tlsbox');
      mkdirSync(join(configDir, 'contexts', 'meta', cid), { recursive: true });
      writeFileSync(join(configDir, 'contexts', 'meta', cid, 'meta.json'), JSON.stringify({ Name: 'tlsbox', Endpoints: { docker: { Host: url } } }));
      const tlsDir = join(configDir, 'contexts', 'tls', cid, 'docker');
      mkdirSync(tlsDir, { recursive: true });
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) copyFileSync(join(certs.dir, f), join(tlsDir, f));
    });
    after(async () => {
      await engine?.destroy();
      certs?.remove();
      if (configDir) rmSync(configDir, { recursive: true, force: true });
    });

    it('DOCKER_TLS_VERIFY + DOCKER_CERT_PATH: verified TLS with a client certificate', async () => {
      const r = await ctop(['-H', url, '--no-stream', '--json'], { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.dir });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(jsonLines(r.stdout).map((x) => x.id), [id]);
    });

    it('DOCKER_TLS without DOCKER_TLS_VERIFY: TLS with the client certificate, the server not verified', async () => {
      const noCa = join(certs.dir, 'no-ca');
      mkdirSync(noCa, { recursive: true });
      for (const f of ['cert.pem', 'key.pem']) copyFileSync(join(certs.dir, f), join(noCa, f));
      const r = await ctop(['-H', url, '--no-stream', '--json'], { DOCKER_TLS: '1', DOCKER_TLS_VERIFY: '', DOCKER_CERT_PATH: noCa });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(jsonLines(r.stdout).map((x) => x.id), [id]);
      // With verification and no CA to trust the test's own, the handshake refuses: one line.
      const strict = await ctop(['-H', url, '--no-stream'], { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: noCa });
      assert.equal(strict.code, 1);
      assert.match(strict.stderr, /^ctop-ts: cannot talk to the engine at tcp:\/\/127\.0\.0\.1:\d+: .*certificate/);
    });

    it('a context\'s TLS files (--context and DOCKER_CONTEXT)', async () => {
      for (const args of [['--context', 'tlsbox'], []]) {
        const r = await ctop([...args, '--no-stream', '--json'], { DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'tlsbox', DOCKER_HOST: '' });
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(jsonLines(r.stdout).map((x) => x.id), [id]);
      }
    });

    it('ssh, TLS and the local socket in one view, each under its own name', { skip: false }, async () => {
      const sshd = await startSshd();
      try {
        const r = await ctop(['-H', `box=${sshd.url}`, '--context', 'tlsbox', '-H', 'unix:///var/run/docker.sock', '--no-stream', '--json', '-l', `run=${RUN}`], {
          ...sshd.clientEnv,
          DOCKER_CONFIG: configDir,
        });
        assert.equal(r.code, 0, r.stderr);
        const rows = jsonLines(r.stdout);
        assert.deepEqual(rows.map((x) => `${x.host}:${x.id}`).sort(), [`box:${local}`, `docker:${local}`, `tlsbox:${id}`].sort());
      } finally {
        await sshd.stop();
      }
    });

    it('the TLS port without TLS, a bad context name, an unreadable TLS file: one clear line each', async () => {
      const plain = await ctop(['-H', url, '--no-stream'], { DOCKER_TLS_VERIFY: '' });
      assert.equal(plain.code, 1);
      assert.match(plain.stderr, /^ctop-ts: the engine at tcp:\/\/127\.0\.0\.1:\d+ answered 400: .*HTTPS/);
      const ctx = await ctop(['--context', 'nope', '--no-stream'], { DOCKER_CONFIG: configDir });
      assert.equal(ctx.code, 2);
      assert.equal(ctx.stderr.split('\n')[0], `ctop-ts: no Docker context named "nope" in ${configDir}`);
      const bad = join(certs.dir, 'dir-as-key');
      mkdirSync(join(bad, 'key.pem'), { recursive: true });
      copyFileSync(join(certs.dir, 'ca.pem'), join(bad, 'ca.pem'));
      copyFileSync(join(certs.dir, 'cert.pem'), join(bad, 'cert.pem'));
      const unreadable = await ctop(['-H', url, '--no-stream'], { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: bad });
      assert.equal(unreadable.code, 2);
      assert.equal(unreadable.stderr.split('\n')[0], `ctop-ts: cannot read TLS file ${join(bad, 'key.pem')} for ${url} (is a directory)`);
    });
  });
});

describeRequiring('ssh:// to Podman (the socket named in the URL)', async () => (await sshdMissingReason()) ?? (await podmanMissingReason()), () => {
  let sshd: Sshd;
  let pm: PodmanService;
  let id: string;
  before(async () => {
    [sshd, pm] = await Promise.all([startSshd(), startPodman()]);
    id = await pm.run({ name: 'over-ssh', cmd: 'sleep 3600', labels: { run: RUN } });
  });
  after(async () => {
    await pm?.stop();
    await sshd?.stop();
  });

  it('ssh://root@127.0.0.1:PORT/run/ctop-test-podman/podman.sock lists and samples Podman\'s containers', async () => {
    const r = await ctop(['-H', `${sshd.url}${pm.sock}`, '--no-stream', '--json', '-l', `run=${RUN}`, '-v'], sshd.clientEnv);
    assert.equal(r.code, 0, r.stderr);
    const rows = jsonLines(r.stdout);
    assert.deepEqual(rows.map((x) => x.id), [id]);
    assert.equal(rows[0].source, 'api');
    assert.ok(rows[0].cpuPercent !== null, 'CPU % from two polled records (Podman sends no precpu)');
    assert.match(r.stderr, /Podman Engine/);
  });
});
