// One engine of a fleet: its session, its state (up / connecting / down, with the reason and
// since when) and its own reconnection. A cheap /version probe every interval notices an engine
// that stopped answering even when its rows still read (the cgroup fast path keeps working while
// a --live-restore dockerd is down); while down it is retried with a short backoff and, once it
// answers, a fresh session (new list, new event and stats streams) replaces the old one.
// The probe is /_ping (engine-ping.ts): /version costs Podman 16 ms of CPU per call.
import type { ContainerInfo, EngineEvent, EngineStatus, RawSample } from '../core/model/types.js';
import { explainEngineError, type EngineTarget } from './engine/connection.js';
import { pingEngine } from './engine/engine-ping.js';
import type { EngineSpec } from './engine/engine-specs.js';
import { openTransport, type Transport } from './engine/ssh-tunnel.js';
import type { Session } from './session.js';

export interface MemberOptions {
  spec: EngineSpec;
  /** Opens a session on the (possibly tunnelled) target. */
  open: (target: EngineTarget, cliHost: string) => Promise<Session>;
  /** Live modes probe and reconnect; a one-shot run tries once. */
  follow: boolean;
  probeEveryMs: number;
  onChange: (m: FleetMember) => void;
  onEvent: (m: FleetMember, e: EngineEvent) => void;
}

const RETRY_MIN_MS = 250;
// A hung engine (accepts, never answers) must not hold up the others at start-up: past this it is
// shown down, and its connection carries on in the background (live modes).
const OPEN_TIMEOUT_MS = 8_000;
// Retries while down are capped low: an engine that comes back is seen within ~2 s.
const RETRY_MAX_MS = 2_000;

export class FleetMember {
  readonly name: string;
  session: Session | null = null;
  status: EngineStatus;
  /** Last sample per engine container id: a down engine's rows keep their last numbers. */
  readonly last = new Map<string, RawSample>();
  private transport: Transport | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retryMs = RETRY_MIN_MS;
  private probing = false;
  private closed = false;
  private unsubscribe: (() => void) | null = null;
  /** Fleet view of each engine container: same object while the engine's object is the same. */
  private readonly mapped = new WeakMap<ContainerInfo, ContainerInfo>();
  readonly original = new WeakMap<ContainerInfo, ContainerInfo>();

  constructor(private readonly opts: MemberOptions) {
    this.name = opts.spec.name;
    this.status = { name: this.name, state: 'connecting', reason: null, since: Date.now(), sourceLabel: '' };
  }

  get url(): string {
    return this.opts.spec.target.url;
  }

  /** First connection; resolves either way, within OPEN_TIMEOUT_MS (the state says how it went). */
  async start(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), OPEN_TIMEOUT_MS)));
    const first = this.connect();
    const outcome = await Promise.race([first, late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.setState('down', `the engine at ${this.url} did not answer within ${OPEN_TIMEOUT_MS / 1000} s`);
      void first.then(() => this.schedule());
      return;
    }
    this.schedule();
  }

  containers(): ContainerInfo[] {
    const list = this.session?.containers() ?? [];
    return list.map((c) => {
      let m = this.mapped.get(c);
      if (!m) {
        m = { ...c, id: `${this.name}/${c.id}`, host: this.name, engineId: c.id };
        this.mapped.set(c, m);
        this.original.set(m, c);
      }
      return m;
    });
  }

  /** A read failed in a way that may mean the engine is gone: probe now rather than at the next round. */
  suspect(err: unknown): void {
    if (!this.opts.follow) {
      this.setState('down', explainEngineError(err, this.opts.spec.target).message);
      return;
    }
    if (this.status.state === 'up') void this.probe();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe?.();
    this.session?.close();
    this.transport?.close();
  }

  private connecting: Promise<boolean> | null = null;

  /** One connection attempt at a time: a probe round never starts a second beside a slow first. */
  private connect(): Promise<boolean> {
    this.connecting ??= this.openSession().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async openSession(): Promise<boolean> {
    try {
      this.transport ??= await openTransport(this.opts.spec.target);
      const session = await this.opts.open(this.transport.target, this.transport.cliHost);
      if (this.closed) {
        session.close();
        return false;
      }
      const old = this.session;
      this.unsubscribe?.();
      this.session = session;
      this.unsubscribe = session.onEvent((e) => this.opts.onEvent(this, e));
      old?.close();
      this.retryMs = RETRY_MIN_MS;
      this.setState('up', null);
      return true;
    } catch (err) {
      this.setState('down', explainEngineError(err, this.opts.spec.target).message);
      return false;
    }
  }

  private schedule(): void {
    if (!this.opts.follow || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    const up = this.status.state === 'up';
    const wait = up ? this.opts.probeEveryMs : this.retryMs;
    if (!up) this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
    this.timer = setTimeout(() => void this.round(), wait);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    this.timer = null;
    if (this.status.state === 'up') await this.probe();
    else if (await this.answers()) await this.connect();
    this.schedule();
  }

  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      const answered = await this.answers();
      if (!answered && this.status.state === 'up') this.schedule();
    } finally {
      this.probing = false;
    }
  }

  /** One /_ping within the probe budget; records why not. */
  private async answers(): Promise<boolean> {
    if (!this.transport) return this.connect().then(() => this.status.state === 'up');
    try {
      await pingEngine(this.transport.target, Math.min(2_000, Math.max(500, this.opts.probeEveryMs)));
      return true;
    } catch (err) {
      if (this.status.state !== 'down') this.setState('down', explainEngineError(err, this.opts.spec.target).message);
      return false;
    }
  }

  private setState(state: EngineStatus['state'], reason: string | null): void {
    if (this.status.state === state && this.status.reason === reason) return;
    this.status = { name: this.name, state, reason, since: Date.now(), sourceLabel: this.session?.sourceLabel() ?? '' };
    this.opts.onChange(this);
  }
}
