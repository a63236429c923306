// The exporter's own metrics (`ctop_*`): what the last read cost, how many containers it read,
// why reads failed, the engines' state, and dropped InfluxDB points when a push runs alongside.
import { labelBlock, type Family } from './prometheus-text.js';

export interface SelfStats {
  version: string;
  sourceLabel: string;
  scrapeDurationSeconds: number;
  containersRead: number;
  /** Cumulative read errors by reason since start. */
  readErrors: ReadonlyMap<string, number>;
  /** Reads done since start (coalesced scrapes count once). */
  reads: number;
  /** Every engine, with whether it answers. */
  engines: readonly { name: string; up: boolean }[];
  /** Process CPU seconds and resident memory, so the exporter's own cost is visible where it is scraped. */
  cpuSeconds: number;
  residentBytes: number;
  /** Points an InfluxDB push dropped since start, when one runs in this process. */
  influxDroppedPoints?: number;
}

export function selfFamilies(s: SelfStats): Family[] {
  const errors = [...s.readErrors.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const families: Family[] = [
    { name: 'ctop_build_info', help: 'ctop-ts version and the stats source in use; always 1.', type: 'gauge', series: [{ labels: labelBlock([['source', s.sourceLabel], ['version', s.version]]), value: 1 }] },
    { name: 'ctop_engine_up', help: '1 when the engine answers, 0 when it does not.', type: 'gauge', series: s.engines.map((e) => ({ labels: labelBlock([['engine', e.name]]), value: e.up ? 1 : 0 })) },
    { name: 'ctop_process_cpu_seconds_total', help: 'CPU time used by the ctop-ts process (user + system).', type: 'counter', unit: 'seconds', series: [{ labels: '', value: s.cpuSeconds }] },
    { name: 'ctop_process_resident_memory_bytes', help: 'Resident memory of the ctop-ts process.', type: 'gauge', unit: 'bytes', series: [{ labels: '', value: s.residentBytes }] },
    { name: 'ctop_scrape_containers', help: 'Containers the last read exported.', type: 'gauge', series: [{ labels: '', value: s.containersRead }] },
    { name: 'ctop_scrape_duration_seconds', help: 'Wall time of the last read of every container.', type: 'gauge', unit: 'seconds', series: [{ labels: '', value: s.scrapeDurationSeconds }] },
    { name: 'ctop_scrape_read_errors_total', help: 'Container reads that failed, by reason (timeout, eacces, unreadable, …).', type: 'counter', series: errors.map(([reason, n]) => ({ labels: labelBlock([['reason', reason]]), value: n })) },
    { name: 'ctop_scrape_reads_total', help: 'Reads of the containers\' counters; scrapes that arrive together share one.', type: 'counter', series: [{ labels: '', value: s.reads }] },
  ];
  if (s.influxDroppedPoints !== undefined) {
    families.push({ name: 'ctop_influx_dropped_points_total', help: 'Points the InfluxDB push dropped (buffer full or rejected).', type: 'counter', series: [{ labels: '', value: s.influxDroppedPoints }] });
  }
  return families;
}
