// An OpenSSH server for one test, on 127.0.0.1 and a free port, with keys the test makes: a host
// key, and a client key authorised for root. It only lets the client forward unix sockets (what
// ctop-ts's ssh:// support needs). `clientEnv` gives ctop-ts an ssh command that uses this key
// and trusts only this host key (CTOP_SSH_COMMAND, like GIT_SSH_COMMAND), so the user's own
// ~/.ssh is never read or written.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitUntil } from './free-port.js';
import { exitOnTerminationSignals } from './requirement.js';
import { connect } from 'node:net';

export interface Sshd {
  port: number;
  /** ssh://root@127.0.0.1:PORT */
  url: string;
  /** Environment for ctop-ts (or ssh) to log in with the test's key. */
  clientEnv: Record<string, string>;
  stop(): Promise<void>;
}

export function sshdMissingReason(): Promise<string | null> {
  if (process.getuid?.() !== 0) return Promise.resolve('the ssh test logs in as root: run it as root');
  try {
    execFileSync('/usr/sbin/sshd', ['-V'], { stdio: 'ignore' });
  } catch (err) {
    // `sshd -V` exits non-zero on older versions but still proves the binary runs.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return Promise.resolve('openssh-server is not installed: run scripts/engine-up.sh');
  }
  return Promise.resolve(null);
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('SSH-'));
    });
    s.once('error', () => resolve(false));
  });

export async function startSshd(): Promise<Sshd> {
  exitOnTerminationSignals();
  const dir = mkdtempSync(join(tmpdir(), 'ctop-sshd-'));
  const port = await freePort();
  const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ctop-test', '-f', file]);
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'id_ed25519'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'id_ed25519.pub')));
  mkdirSync('/run/sshd', { recursive: true }); // privilege separation directory
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no', // the key files live in a temp dir
      'AllowStreamLocalForwarding yes',
      // Forwarding stays on (default): `AllowTcpForwarding no` or `PermitOpen none` also refuse the
      // unix-socket forwarding ctop-ts needs. The server listens on 127.0.0.1 only.
      'X11Forwarding no',
      'PermitTTY no',
    ].join('\n') + '\n',
  );
  const hostPub = readFileSync(join(dir, 'host_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostPub}\n`);
  writeFileSync(
    join(dir, 'ssh_config'),
    [
      'Host *',
      `  IdentityFile ${join(dir, 'id_ed25519')}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${join(dir, 'known_hosts')}`,
      '  StrictHostKeyChecking yes',
      '  LogLevel ERROR',
    ].join('\n') + '\n',
  );
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
  const onExit = () => child.kill();
  process.on('exit', onExit);
  try {
    await waitUntil(() => answers(port), `sshd on 127.0.0.1:${port}`, 15_000, 100);
  } catch (err) {
    child.kill();
    throw new Error(`${(err as Error).message}; sshd said: ${log}`);
  }
  return {
    port,
    url: `ssh://root@127.0.0.1:${port}`,
    clientEnv: { CTOP_SSH_COMMAND: `ssh -F ${join(dir, 'ssh_config')}` },
    async stop() {
      process.off('exit', onExit);
      if (child.exitCode === null) {
        child.kill();
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
