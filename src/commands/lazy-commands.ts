// EngineCommands whose implementation loads on first use: the engine's commands need dockerode
// (ssh2, gRPC, protobuf: ~0.1 s of start-up), which nothing on the way to the first frame or a
// `--no-stream` table uses. The live screen warms it up once its first frame is out (warm()).
import type { EngineCommands, LogFollower } from './engine-commands.js';

export interface LazyCommands extends EngineCommands {
  /** Starts loading now (idempotent); resolves when loaded, never rejects. */
  warm(): Promise<void>;
}

export function lazyCommands(load: () => Promise<EngineCommands>): LazyCommands {
  let loading: Promise<EngineCommands> | null = null;
  const get = () => (loading ??= load());
  return {
    unavailable: null,
    warm: () => get().then(
      () => undefined,
      () => undefined,
    ),
    inspect: async (t) => (await get()).inspect(t),
    runAction: async (t, action, o) => (await get()).runAction(t, action, o),
    exec: async (t, ui, o) => (await get()).exec(t, ui, o),
    followLogs(t, opts): LogFollower {
      // The follower exists at once (the view holds it); the stream starts once loaded.
      let inner: LogFollower | null = null;
      let closed = false;
      const done = get().then(
        (c) => {
          if (closed) return;
          inner = c.followLogs(t, opts);
          return inner.done;
        },
        (err: unknown) => {
          opts.onStatus?.({ state: 'error', message: String((err as Error)?.message ?? err) });
        },
      );
      return {
        close() {
          closed = true;
          inner?.close();
        },
        done: done.then(() => undefined),
      };
    },
  };
}
