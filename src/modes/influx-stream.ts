// `--format influx` and `--influx-url`: every tick, the containers as line protocol with Telegraf's
// names, printed on stdout and/or pushed to InfluxDB. The read goes through the same Scraper as
// `serve` (raw counters of that moment plus docker's percentages), one read per interval.
import type { ContainerPredicate } from '../core/query/row-filter.js';
import { containerLines } from '../output/influx-containers.js';
import { Scraper } from '../serve/scraper.js';
import type { Session } from '../sources/session.js';
import type { InfluxPusher } from './influx-push.js';

export interface InfluxStreamOptions {
  all: boolean;
  intervalMs: number;
  predicate?: ContainerPredicate;
  /** Print each tick's lines (--format influx). */
  write?: (text: string) => void;
  pusher?: InfluxPusher;
  /** One tick only (--no-stream): a short second read gives CPU %, as --no-stream does. */
  once?: boolean;
  onTick?: (lines: number) => void;
}

export async function runInfluxStream(session: Session, opts: InfluxStreamOptions): Promise<() => void> {
  const scraper = new Scraper({ session, all: opts.all, predicate: opts.predicate, timeoutMs: Math.max(200, opts.intervalMs * 0.9), coalesceMs: 0 });
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const tick = async () => {
    const result = await scraper.scrape();
    const text = containerLines(result.containers, result.host);
    if (text) {
      opts.write?.(text);
      opts.pusher?.push(text);
    }
    opts.onTick?.(text ? text.split('\n').length - 1 : 0);
  };
  if (opts.once) {
    await scraper.scrape(); // the first read only primes CPU %
    await new Promise((r) => setTimeout(r, 500));
    await tick();
    return () => undefined;
  }
  const loop = async () => {
    const started = Date.now();
    try {
      await tick();
    } catch {
      // an engine hiccup costs one tick, never the stream
    }
    if (!stopped) timer = setTimeout(loop, Math.max(0, opts.intervalMs - (Date.now() - started)));
  };
  void loop();
  return () => {
    scraper.close();
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
