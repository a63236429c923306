// A stand-in for Prometheus's HTTP API that answers with the recorded responses in
// fixtures/prometheus/ (tick-0..2.json), for session and client tests that need control over
// delays, failures and what was asked. Loopback only. The real server is in test/engine/.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const dir = new URL('../../../fixtures/prometheus/', import.meta.url);
export const recordedTick = [0, 1, 2].map((i) => readFileSync(new URL(`tick-${i}.json`, dir), 'utf8'));

export interface FakeRequest {
  path: string;
  params: URLSearchParams;
  headers: IncomingMessage['headers'];
}

export interface FakePrometheus {
  url: string;
  requests: FakeRequest[];
  /** Override the answer: return true when handled. */
  handler: ((req: FakeRequest, res: ServerResponse) => boolean) | null;
  /** Added before every answer. */
  delayMs: number;
  close(): Promise<void>;
}

/** container_last_seen as of now, so the recorded containers count as live whenever the test runs. */
function freshLastSeen(text: string): string {
  const env = JSON.parse(text) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  for (const s of env.data.result) if (s.metric.ctop_q === 'seen') s.value[1] = String(Math.floor(Date.now() / 1000));
  return JSON.stringify(env);
}

/** Which recorded answer fits a tick query (they are told apart by their first column). */
export function recordedAnswer(query: string): string | null {
  if (query.includes('"ctop_q", "cpu"')) return freshLastSeen(recordedTick[0]);
  if (query.includes('"ctop_q", "rx_rate"')) return recordedTick[1];
  if (query.includes('"ctop_q", "periods"')) return recordedTick[2];
  if (query.startsWith('count(')) return JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [0, '8'] }] } });
  return null;
}

export async function startFakePrometheus(): Promise<FakePrometheus> {
  const fake: FakePrometheus = { url: '', requests: [], handler: null, delayMs: 0, close: async () => undefined };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const r: FakeRequest = { path: u.pathname, params: new URLSearchParams(body || u.search), headers: req.headers };
      fake.requests.push(r);
      setTimeout(() => {
        if (res.destroyed) return;
        if (fake.handler?.(r, res)) return;
        if (r.path.endsWith('/api/v1/status/buildinfo')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { version: '2.42.0' } }));
          return;
        }
        const answer = r.path.endsWith('/api/v1/query') ? recordedAnswer(r.params.get('query') ?? '') : null;
        if (answer === null) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'unexpected query' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
      }, fake.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  fake.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
