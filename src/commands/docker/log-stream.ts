// Follows one container's logs through dockerode: the last `tail` lines, then new ones as
// they come. TTY containers send raw bytes, others the multiplexed frames (log-demux.ts).
// When the container stops the engine ends the stream: what was read stays and a marker
// line says why it ended. close() ends it from our side, quietly.
import type Docker from 'dockerode';
import { LineSplitter, LogDemuxer, type SplitLine, type StdStream } from '../../core/logs/log-demux.js';
import { parseLogLine, type NewLogLine } from '../../core/logs/log-buffer.js';
import { engineErrorText } from './container-actions.js';
import type { FollowLogsOptions, LogFollower, LogStreamStatus } from '../engine-commands.js';

export type { FollowLogsOptions, LogFollower, LogStreamStatus } from '../engine-commands.js';

export const END_MARKERS = {
  stopped: '— container stopped —',
  removed: '— container removed —',
  lost: '— log stream ended —',
} as const;

export const DEFAULT_TAIL = 500;

interface InspectShape {
  Config?: { Tty?: boolean };
  State?: { Running?: boolean };
}

export function followLogs(docker: Docker, id: string, opts: FollowLogsOptions): LogFollower {
  const abort = new AbortController();
  let closed = false;
  let stream: NodeJS.ReadableStream | null = null;
  const status = (s: LogStreamStatus) => opts.onStatus?.(s);
  const system = (text: string) => opts.onLines([{ stream: 'system', time: null, text }]);

  const run = async (): Promise<void> => {
    status({ state: 'connecting' });
    const container = docker.getContainer(id);
    let tty: boolean;
    try {
      const info = (await container.inspect()) as InspectShape;
      tty = info.Config?.Tty === true;
      if (closed) return;
      stream = (await container.logs({
        follow: true,
        stdout: true,
        stderr: true,
        tail: opts.tail ?? DEFAULT_TAIL,
        timestamps: true, // always: the view toggles them without reconnecting
        abortSignal: abort.signal,
      })) as NodeJS.ReadableStream;
    } catch (err) {
      if (closed) return;
      const message = engineErrorText(err);
      system(`— cannot read logs: ${message} —`);
      status({ state: 'error', message });
      return;
    }
    if (closed) {
      destroy(stream);
      return;
    }
    status({ state: 'following', tty });

    const demux = new LogDemuxer(tty);
    const splitters: Record<StdStream, LineSplitter> = {
      stdout: new LineSplitter(opts.maxLineLength),
      stderr: new LineSplitter(opts.maxLineLength),
    };
    const toLines = (name: StdStream, split: SplitLine[]) => split.map((l) => parseLogLine(name, l.text, l.continued));

    await new Promise<void>((resolve) => {
      const s = stream!;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        resolve();
      };
      s.on('data', (chunk: Buffer) => {
        if (closed) return;
        const lines: NewLogLine[] = [];
        for (const piece of demux.push(chunk)) lines.push(...toLines(piece.stream, splitters[piece.stream].push(piece.data)));
        if (lines.length) opts.onLines(lines);
      });
      s.on('end', finish);
      s.on('close', finish);
      // An abort from close() surfaces here; a real error ends the stream like 'end'.
      s.on('error', finish);
    });
    if (closed) return;

    const rest = [...toLines('stdout', splitters.stdout.flush()), ...toLines('stderr', splitters.stderr.flush())];
    if (rest.length) opts.onLines(rest);
    const reason = await endReason(docker, id);
    if (closed) return;
    system(END_MARKERS[reason]);
    status({ state: 'ended', reason });
  };

  const done = run().catch((err: unknown) => {
    if (!closed) status({ state: 'error', message: engineErrorText(err) });
  });

  return {
    done,
    close() {
      if (closed) return;
      closed = true;
      abort.abort();
      if (stream) destroy(stream);
      status({ state: 'closed' });
    },
  };
}

function destroy(s: NodeJS.ReadableStream): void {
  const d = s as NodeJS.ReadableStream & { destroy?: () => void };
  d.destroy?.();
}

/** Why the engine ended a follow: the container stopped, is gone, or (still running) the connection dropped. */
async function endReason(docker: Docker, id: string): Promise<'stopped' | 'removed' | 'lost'> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const info = (await docker.getContainer(id).inspect()) as InspectShape;
      if (!info.State?.Running) return 'stopped';
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return 'removed';
      return 'lost';
    }
    // The stream can end a moment before the engine records the exit.
    await new Promise((r) => setTimeout(r, 200));
  }
  return 'lost';
}
