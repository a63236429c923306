// The flags of the Prometheus source, kept here so the shared option list only calls one function.
// Secrets may come from the environment (CTOP_PROMETHEUS_PASSWORD, CTOP_PROMETHEUS_TOKEN) so they
// stay out of shell history and `ps`; they are never echoed.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { PromAuth } from './prom-client.js';

export interface PrometheusCliOptions extends PromAuth {
  url: string;
  insecureSkipVerify: boolean;
  window: string;
  timeoutMs: number;
}

/** A PromQL duration for rate(): 30s, 1m, 5m, 1h30m. */
export function parseRateWindow(value: string): string {
  if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(value)) throw new InvalidArgumentError('expected a PromQL duration like 30s, 1m or 5m');
  return value;
}

function parseTimeout(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected seconds like 5, 2.5s or 800ms');
  const ms = m[2] === 'ms' ? Number(m[1]) : Number(m[1]) * 1000;
  if (ms < 100 || ms > 600_000) throw new InvalidArgumentError('must be between 100ms and 10m');
  return Math.round(ms);
}

export function addPrometheusOptions(cmd: Command): Command {
  return cmd
    .option('--prometheus <url>', 'read the containers a Prometheus server holds (cAdvisor, kubelets, ctop-ts serve), e.g. http://127.0.0.1:9090')
    .option('--prometheus-user <name>', 'basic auth user for --prometheus (password: --prometheus-password or $CTOP_PROMETHEUS_PASSWORD)')
    .option('--prometheus-password <password>', 'basic auth password for --prometheus')
    .option('--prometheus-token <token>', 'bearer token for --prometheus (or $CTOP_PROMETHEUS_TOKEN)')
    .option('--prometheus-ca <file>', 'CA certificate that signs the Prometheus server certificate')
    .option('--prometheus-cert <file>', 'client certificate for --prometheus (with --prometheus-key)')
    .option('--prometheus-key <file>', 'client key for --prometheus')
    .option('--prometheus-insecure', 'do not verify the Prometheus server certificate')
    .addOption(new Option('--prometheus-window <duration>', 'rate() window: at least 2-4 scrape intervals').argParser(parseRateWindow).default('1m'))
    .addOption(new Option('--prometheus-timeout <duration>', 'time limit per Prometheus request').argParser(parseTimeout).default(5000, '5s'));
}

/** Undefined without --prometheus. */
export function resolvePrometheusOptions(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): PrometheusCliOptions | undefined {
  if (typeof raw.prometheus !== 'string') return undefined;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    url: raw.prometheus,
    username: str(raw.prometheusUser),
    password: str(raw.prometheusPassword) ?? str(env.CTOP_PROMETHEUS_PASSWORD),
    bearerToken: str(raw.prometheusToken) ?? str(env.CTOP_PROMETHEUS_TOKEN),
    caFile: str(raw.prometheusCa),
    certFile: str(raw.prometheusCert),
    keyFile: str(raw.prometheusKey),
    insecureSkipVerify: raw.prometheusInsecure === true,
    window: (raw.prometheusWindow as string | undefined) ?? '1m',
    timeoutMs: (raw.prometheusTimeout as number | undefined) ?? 5000,
  };
}
