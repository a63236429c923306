// A tiny HTTP server on 127.0.0.1 that serves a recorded exposition (e.g. fixtures/prometheus/
// kubelet-cadvisor.prom) for a real Prometheus to scrape. So that rate() has something to read,
// every counter grows by 1 % of its recorded value per second since the server started:
// rate(x[…]) = recorded value / 100 (a CPU counter of 25 s reads 0.25 cores, 25 %). A value
// written `NOW` is the scrape time in unix seconds.
//
//   const fx = await startFixtureServer({ file: 'fixtures/prometheus/kubelet-cadvisor.prom' });
//   ... scrape fx.url (http://127.0.0.1:PORT/metrics/cadvisor) ...; await fx.stop();
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

export interface FixtureServerOptions {
  /** The exposition text, or a file holding it. */
  text?: string;
  file?: string;
  /** Path served (default /metrics/cadvisor, as a kubelet); everything else is 404. */
  path?: string;
}

export interface FixtureServer {
  url: string;
  /** Scrapes answered so far. */
  scrapes(): number;
  stop(): Promise<void>;
}

/** The exposition as of `elapsedS` seconds after start: counters scaled by (1 + elapsedS/100). Pure. */
export function agedExposition(text: string, elapsedS: number): string {
  const counters = new Set<string>();
  for (const m of text.matchAll(/^# TYPE (\S+) counter$/gm)) counters.add(m[1]);
  const factor = 1 + elapsedS / 100;
  return text.replace(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^\n]*\})? (\S+)$/gm, (line, name: string, labels: string | undefined, value: string) =>
    counters.has(name) ? `${name}${labels ?? ''} ${Number(value) * factor}` : line,
  );
}

export async function startFixtureServer(opts: FixtureServerOptions): Promise<FixtureServer> {
  const text = opts.text ?? readFileSync(opts.file!, 'utf8');
  const path = opts.path ?? '/metrics/cadvisor';
  const started = Date.now();
  let scrapes = 0;
  const server = createServer((req, res) => {
    if (req.url !== path || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end('not found\n');
      return;
    }
    scrapes++;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    // `NOW` stands for the scrape time (container_last_seen), as cAdvisor writes it.
    res.end(agedExposition(text, (Date.now() - started) / 1000).replace(/ NOW$/gm, ` ${Math.floor(Date.now() / 1000)}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    scrapes: () => scrapes,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
