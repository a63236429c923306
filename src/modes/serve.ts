// `ctop-ts serve`: the Prometheus endpoint. Each /metrics request reads the counters then (shared
// with concurrent requests, see Scraper), renders cAdvisor-named families plus ctop_ extras and
// the collector's own cost. Between requests the process only waits.
import { containerFamilies } from '../output/prometheus-containers.js';
import { selfFamilies } from '../output/prometheus-self.js';
import { writeExposition, type ExpositionFormat } from '../output/prometheus-text.js';
import type { ContainerPredicate } from '../core/query/row-filter.js';
import { deviceNameResolver } from '../serve/device-names.js';
import { Scraper, type ScrapeResult } from '../serve/scraper.js';
import { startHttpServer, type RunningServer } from '../serve/http-server.js';
import type { WebConfig } from '../serve/web-config.js';
import type { Session } from '../sources/session.js';

export interface ServeModeOptions {
  session: Session;
  version: string;
  host: string;
  port: number;
  web: WebConfig | null;
  /** Re-reads the web config when its file changes (see webConfigReloader). */
  reloadWeb?: () => WebConfig | null;
  all: boolean;
  predicate?: ContainerPredicate;
  labelAllowed?: (key: string) => boolean;
  /** Deadline for reading every container in one scrape (ms). */
  scrapeTimeoutMs: number;
  /** Scrapes this close together share one read (default 500 ms; the bench sets 0). */
  coalesceMs?: number;
  /** Dropped InfluxDB points, when a push runs in the same process. */
  influxDropped?: () => number;
  log?: (line: string) => void;
}

export interface ServeMode {
  server: RunningServer;
  scraper: Scraper;
  /** One exposition, as /metrics would answer now (used by tests and the bench). */
  render(format: ExpositionFormat): Promise<string>;
  close(): Promise<void>;
}

export async function runServe(opts: ServeModeOptions): Promise<ServeMode> {
  const scraper = new Scraper({ session: opts.session, all: opts.all, predicate: opts.predicate, timeoutMs: opts.scrapeTimeoutMs, coalesceMs: opts.coalesceMs });
  const readErrors = new Map<string, number>();
  // Device names only mean something for an engine on this host.
  const deviceName = opts.session.host?.local ? deviceNameResolver() : undefined;
  let counted: ScrapeResult | null = null;

  const render = async (format: ExpositionFormat) => {
    const result = await scraper.scrape();
    if (result !== counted) {
      // A coalesced result is counted once, however many requests shared it.
      counted = result;
      for (const [reason, n] of result.errors) readErrors.set(reason, (readErrors.get(reason) ?? 0) + n);
    }
    const usage = process.cpuUsage();
    const families = containerFamilies(result.containers, { host: result.host, labelAllowed: opts.labelAllowed, deviceName, nowSeconds: Math.floor(result.timestamp / 1000) });
    const engines = result.engines?.map((e) => ({ name: e.name, up: e.state === 'up' })) ?? [{ name: result.host?.hostname || 'local', up: result.host !== null }];
    families.push(
      ...selfFamilies({
        version: opts.version,
        sourceLabel: opts.session.sourceLabel(),
        scrapeDurationSeconds: result.durationSeconds,
        containersRead: result.containers.length,
        readErrors,
        reads: scraper.reads,
        engines,
        cpuSeconds: (usage.user + usage.system) / 1e6,
        residentBytes: process.memoryUsage.rss(),
        influxDroppedPoints: opts.influxDropped?.(),
      }),
    );
    return writeExposition(families, format);
  };

  const server = await startHttpServer({ host: opts.host, port: opts.port, web: opts.web, reloadWeb: opts.reloadWeb, render, log: opts.log, requestTimeoutMs: opts.scrapeTimeoutMs + 5_000 });
  return {
    server,
    scraper,
    render,
    async close() {
      scraper.close();
      await server.close();
    },
  };
}
