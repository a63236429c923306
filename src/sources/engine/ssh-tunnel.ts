// ssh://user@host engines through ONE long-lived `ssh -L local.sock:remote.sock` per engine.
// Why not docker-modem's own ssh support: it opens a new SSH connection for every API request
// (one per stats stream, per tick), reads no ~/.ssh/config or known_hosts, and needs `docker` on
// the remote PATH. The system ssh binary brings the user's config, agent and host-key checks, and
// a forwarded unix socket needs nothing on the remote side but sshd (AllowStreamLocalForwarding,
// on by default); Podman works by naming its socket: ssh://root@box/run/podman/podman.sock.
// CTOP_SSH_COMMAND replaces `ssh` (as GIT_SSH_COMMAND does for git), e.g. `ssh -F ./config`.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { UserFacingError } from '../../core/model/errors.js';

export interface SshTarget {
  user?: string;
  host: string;
  port?: number;
  /** The engine's socket on the remote machine. */
  socketPath: string;
}

const READY_TIMEOUT_MS = 20_000;
const RESTART_MAX_MS = 4_000;
const open = new Set<SshTunnel>();
// node:child_process and node:os load with the first tunnel, not at every start: a local engine never needs them.
const builtin = createRequire(import.meta.url);

export class SshTunnel {
  readonly localSocket: string;
  private readonly dir: string;
  private child: ChildProcess | null = null;
  private closed = false;
  private restartDelay = 250;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly target: SshTarget,
    private readonly url: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    const { tmpdir } = builtin('node:os') as typeof import('node:os');
    this.dir = mkdtempSync(join(env.XDG_RUNTIME_DIR && existsSync(env.XDG_RUNTIME_DIR) ? env.XDG_RUNTIME_DIR : tmpdir(), 'ctop-ssh-'));
    this.localSocket = join(this.dir, 'engine.sock');
    open.add(this);
  }

  /** The argv that forwards the local socket to the remote one. */
  argv(): string[] {
    const base = (this.env.CTOP_SSH_COMMAND ?? '').trim().split(/\s+/).filter(Boolean);
    const cmd = base.length > 0 ? base : ['ssh'];
    const t = this.target;
    return [
      ...cmd,
      '-N', '-T',
      '-o', 'BatchMode=yes', // never prompt: there is no terminal to answer on
      '-o', 'ExitOnForwardFailure=yes',
      '-o', 'ServerAliveInterval=10',
      '-o', 'StreamLocalBindUnlink=yes',
      ...(t.port ? ['-p', String(t.port)] : []),
      ...(t.user ? ['-l', t.user] : []),
      '-L', `${this.localSocket}:${t.socketPath}`,
      '--', t.host,
    ];
  }

  /** Starts ssh and resolves once the local socket exists; a failure is one clear line. */
  async start(): Promise<void> {
    const [cmd, ...args] = this.argv();
    let stderr = '';
    let exit: { code: number | null; err?: Error } | null = null;
    const { spawn } = builtin('node:child_process') as typeof import('node:child_process');
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    child.on('error', (err) => (exit = { code: null, err }));
    child.on('exit', (code) => {
      exit ??= { code };
      if (this.child === child) this.child = null;
      if (!this.closed && this.ready) this.scheduleRestart();
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!existsSync(this.localSocket)) {
      if (exit || this.closed || Date.now() > deadline) {
        const e = exit as { code: number | null; err?: Error } | null;
        if (!e) child.kill();
        const why = e?.err
          ? (e.err as NodeJS.ErrnoException).code === 'ENOENT'
            ? `${cmd} not found`
            : e.err.message
          : lastLine(stderr) || (e ? `ssh exited with code ${e.code}` : 'no answer within 20 s');
        throw new UserFacingError(`cannot reach the engine at ${this.url} over ssh: ${why}`, 'check that `ssh` logs in there without a prompt (key or agent, known host)');
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    this.ready = true;
    this.restartDelay = 250;
  }

  private ready = false;

  // The link dropped (network, sshd restart): bring it back on its own; requests fail meanwhile,
  // which the fleet shows as the engine being down.
  private scheduleRestart(): void {
    if (this.restartTimer || this.closed) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.ready = false;
      this.start().catch(() => {
        this.ready = true; // keep retrying
        this.scheduleRestart();
      });
    }, this.restartDelay);
    this.restartTimer.unref();
    this.restartDelay = Math.min(RESTART_MAX_MS, this.restartDelay * 2);
  }

  close(): void {
    this.closed = true;
    open.delete(this);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.child?.kill();
    this.child = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function lastLine(s: string): string {
  return s.trim().split('\n').filter(Boolean).pop()?.trim() ?? '';
}

// No ssh process outlives ctop-ts, whatever ends it.
process.on('exit', () => {
  for (const t of open) t.close();
});

/** The part of connection.ts's EngineTarget a tunnel needs (connection.ts imports this module). */
interface TunnelTarget {
  url: string;
  options: object;
  ssh?: SshTarget;
}

/** How a session reaches its engine: the target as given, or, for ssh://, through a tunnel. */
export interface Transport<T extends TunnelTarget = TunnelTarget> {
  /** What the session connects to (a tunnel's local socket for ssh://). */
  target: T;
  /** For the docker CLI (exec): the address it can reach the same engine on. */
  cliHost: string;
  close(): void;
}

export async function openTransport<T extends TunnelTarget>(target: T): Promise<Transport<T>> {
  if (!target.ssh) return { target, cliHost: target.url, close: () => undefined };
  const tunnel = new SshTunnel(target.ssh, target.url);
  try {
    await tunnel.start();
  } catch (err) {
    tunnel.close();
    throw err;
  }
  return {
    target: { ...target, options: { socketPath: tunnel.localSocket }, ssh: undefined },
    cliHost: `unix://${tunnel.localSocket}`,
    close: () => tunnel.close(),
  };
}
