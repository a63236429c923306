// One engine of a fleet: its session, its state (up / connecting / down, with the reason and
// since when) and its reconnection. Once a live session is open, the session's own engine
// monitor (heartbeat /_ping, list and /events failures, re-list on recovery) is the state, so an
// engine is probed once, not twice. Before that, while the engine cannot be opened at all (down
// at start-up, ssh unreachable), this member retries on its own with a short backoff.
import type { ContainerInfo, EngineEvent, EngineStatus, RawSample } from '../core/model/types.js';
import { explainEngineError, type EngineTarget } from './engine/connection.js';
import { pingEngine } from './engine/engine-ping.js';
import type { EngineSpec } from './engine/engine-specs.js';
import { openTransport, type Transport } from './engine/ssh-tunnel.js';
import type { Session } from './session.js';

export interface MemberOptions {
  spec: EngineSpec;
  /** Opens a session on the (possibly tunnelled) target, named after the engine. */
  open: (target: EngineTarget, cliHost: string, name: string) => Promise<Session>;
  /** Live modes probe and reconnect; a one-shot run tries once. */
  follow: boolean;
  probeEveryMs: number;
  onChange: (m: FleetMember) => void;
  onEvent: (m: FleetMember, e: EngineEvent) => void;
}

const RETRY_MIN_MS = 250;
// Retries while the engine cannot be opened are capped low: one that comes back is seen within ~2 s.
const RETRY_MAX_MS = 2_000;
// A hung engine (accepts, never answers) must not hold up the others at start-up: past this it is
// shown down, and its connection carries on in the background (live modes).
const OPEN_TIMEOUT_MS = 8_000;

export class FleetMember {
  readonly name: string;
  session: Session | null = null;
  /** Last sample per engine container id: a down engine's rows keep their last numbers. */
  readonly last = new Map<string, RawSample>();
  /** The state while there is no session to ask (connecting, or down before ever opening). */
  private own: EngineStatus;
  private transport: Transport<EngineTarget> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retryMs = RETRY_MIN_MS;
  private closed = false;
  private connecting: Promise<boolean> | null = null;
  private unsubscribe: (() => void)[] = [];
  /** Fleet view of each engine container: the same object while the engine's object is the same. */
  private readonly mapped = new WeakMap<ContainerInfo, ContainerInfo>();
  readonly original = new WeakMap<ContainerInfo, ContainerInfo>();

  constructor(private readonly opts: MemberOptions) {
    this.name = opts.spec.name;
    this.own = { name: this.name, state: 'connecting', reason: null, since: Date.now(), sourceLabel: '' };
  }

  get url(): string {
    return this.opts.spec.target.url;
  }

  /** The session's monitor when it has one, else this member's own view. */
  get status(): EngineStatus {
    const s = this.session?.engines?.()[0];
    if (s && this.own.state === 'up') return { ...s, name: this.name };
    return { ...this.own, sourceLabel: this.session?.sourceLabel() ?? '' };
  }

  /** First connection; resolves either way, within OPEN_TIMEOUT_MS (the state says how it went). */
  async start(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), OPEN_TIMEOUT_MS)));
    const first = this.connect();
    const outcome = await Promise.race([first, late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.setOwn('down', `the engine at ${this.url} did not answer within ${OPEN_TIMEOUT_MS / 1000} s`);
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

  /** A read failed as if the engine were gone. A one-shot run has no monitor: it is down now. */
  suspect(err: unknown): void {
    if (!this.opts.follow) this.setOwn('down', explainEngineError(err, this.opts.spec.target).message);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe.forEach((u) => u());
    this.session?.close();
    this.transport?.close();
  }

  /** One attempt at a time: a retry never starts beside a slow first attempt. */
  private connect(): Promise<boolean> {
    this.connecting ??= this.openSession().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async openSession(): Promise<boolean> {
    try {
      this.transport ??= await openTransport(this.opts.spec.target);
      const session = await this.opts.open(this.transport.target, this.transport.cliHost, this.name);
      if (this.closed) {
        session.close();
        return false;
      }
      this.session = session;
      this.unsubscribe.push(session.onEvent((e) => this.opts.onEvent(this, e)));
      const off = session.onEngineChange?.(() => this.opts.onChange(this));
      if (off) this.unsubscribe.push(off);
      this.setOwn('up', null);
      return true;
    } catch (err) {
      this.setOwn('down', explainEngineError(err, this.opts.spec.target).message);
      return false;
    }
  }

  /** Retries until a session is open; a live session that lacks its own monitor is probed here. */
  private schedule(): void {
    if (!this.opts.follow || this.closed) return;
    if (this.session?.engines) return; // the session's monitor takes it from here
    if (this.timer) clearTimeout(this.timer);
    const wait = this.session ? this.opts.probeEveryMs : this.retryMs;
    if (!this.session) this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
    this.timer = setTimeout(() => void this.round(), wait);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    this.timer = null;
    if (!this.session) {
      if (!this.transport || (await this.answers())) await this.connect();
    } else if (await this.answers()) this.setOwn('up', null);
    this.schedule();
  }

  /** One /_ping within the probe budget; records why not. */
  private async answers(): Promise<boolean> {
    try {
      await pingEngine(this.transport!.target, Math.min(2_000, Math.max(500, this.opts.probeEveryMs)));
      return true;
    } catch (err) {
      this.setOwn('down', explainEngineError(err, this.opts.spec.target).message);
      return false;
    }
  }

  private setOwn(state: EngineStatus['state'], reason: string | null): void {
    if (this.own.state === state && this.own.reason === reason) return;
    this.own = { name: this.name, state, reason, since: Date.now(), sourceLabel: '' };
    this.opts.onChange(this);
  }
}
