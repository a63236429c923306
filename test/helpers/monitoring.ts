// A real Nagios Core 4 for tests: started by the test in a temp directory with a config written
// here (one host, the services the test names, checks every second, no notifications, nothing
// listening on the network), killed afterwards. The test reads each service's state the way
// Nagios itself records it: the servicestatus blocks of status.dat.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NAGIOS_BIN = process.env.CTOP_NAGIOS ?? '/usr/sbin/nagios4';

/** Null when Nagios can run here, else why not (with the fix). */
export async function nagiosMissingReason(): Promise<string | null> {
  if (!existsSync(NAGIOS_BIN)) return `${NAGIOS_BIN} is missing: apt-get install nagios4-core (scripts/engine-up.sh does)`;
  return null;
}

export interface NagiosService {
  name: string;
  /** The full command line Nagios runs (no macros needed). */
  commandLine: string;
}

export interface ServiceStatus {
  currentState: number;
  pluginOutput: string;
  longPluginOutput: string;
  performanceData: string;
  hasBeenChecked: boolean;
}

export interface RunningNagios {
  dir: string;
  /** Every servicestatus block of status.dat, by service description. */
  status(): Map<string, ServiceStatus>;
  waitForChecked(name: string, timeoutMs?: number): Promise<ServiceStatus>;
  stop(): void;
}

/** Nagios escapes `$` in command lines only as `$$`; a `;` starts a comment in object files. */
const escapeCommand = (line: string) => line.replace(/\$/g, '$$$$').replace(/;/g, '\\;');

function parseStatus(text: string): Map<string, ServiceStatus> {
  const out = new Map<string, ServiceStatus>();
  for (const block of text.split(/\n(?=servicestatus \{)/)) {
    if (!block.startsWith('servicestatus {')) continue;
    const body = block.slice(0, block.indexOf('\n\t}') >= 0 ? block.indexOf('\n\t}') : undefined);
    const kv = new Map<string, string>();
    for (const line of body.split('\n')) {
      const m = /^\t([a-z_]+)=(.*)$/.exec(line);
      if (m) kv.set(m[1], m[2]);
    }
    out.set(kv.get('service_description') ?? '', {
      currentState: Number(kv.get('current_state')),
      pluginOutput: kv.get('plugin_output') ?? '',
      longPluginOutput: (kv.get('long_plugin_output') ?? '').replace(/\\n/g, '\n'),
      performanceData: kv.get('performance_data') ?? '',
      hasBeenChecked: kv.get('has_been_checked') === '1',
    });
  }
  return out;
}

export function startNagios(services: readonly NagiosService[]): RunningNagios {
  const dir = mkdtempSync(join(tmpdir(), 'ctop-nagios-'));
  mkdirSync(join(dir, 'checkresults'));
  const user = process.getuid?.() === 0 ? 'root' : (process.env.USER ?? 'nobody');
  writeFileSync(join(dir, 'resource.cfg'), '');
  writeFileSync(
    join(dir, 'objects.cfg'),
    [
      'define timeperiod {\n timeperiod_name always\n alias always\n sunday 00:00-24:00\n monday 00:00-24:00\n tuesday 00:00-24:00\n wednesday 00:00-24:00\n thursday 00:00-24:00\n friday 00:00-24:00\n saturday 00:00-24:00\n}',
      'define command {\n command_name ok\n command_line /bin/true\n}',
      'define contact {\n contact_name nobody\n host_notifications_enabled 0\n service_notifications_enabled 0\n host_notification_period always\n service_notification_period always\n host_notification_options n\n service_notification_options n\n host_notification_commands ok\n service_notification_commands ok\n}',
      'define host {\n host_name ctop-test-host\n address 127.0.0.1\n check_command ok\n max_check_attempts 1\n check_period always\n contacts nobody\n notification_period always\n notifications_enabled 0\n}',
      ...services.map((s, i) =>
        [
          `define command {\n command_name ctop_check_${i}\n command_line ${escapeCommand(s.commandLine)}\n}`,
          `define service {\n host_name ctop-test-host\n service_description ${s.name}\n check_command ctop_check_${i}\n max_check_attempts 1\n check_interval 2\n retry_interval 2\n check_period always\n contacts nobody\n notification_period always\n notifications_enabled 0\n}`,
        ].join('\n'),
      ),
    ].join('\n') + '\n',
  );
  const cfg = join(dir, 'nagios.cfg');
  writeFileSync(
    cfg,
    Object.entries({
      log_file: join(dir, 'nagios.log'),
      cfg_file: join(dir, 'objects.cfg'),
      object_cache_file: join(dir, 'objects.cache'),
      precached_object_file: join(dir, 'objects.precache'),
      resource_file: join(dir, 'resource.cfg'),
      status_file: join(dir, 'status.dat'),
      status_update_interval: '1',
      nagios_user: user,
      nagios_group: user,
      check_external_commands: '0',
      lock_file: join(dir, 'nagios.lock'),
      temp_file: join(dir, 'nagios.tmp'),
      temp_path: dir,
      check_result_path: join(dir, 'checkresults'),
      query_socket: join(dir, 'nagios.qh'),
      retain_state_information: '0',
      state_retention_file: join(dir, 'retention.dat'),
      interval_length: '1', // check_interval 2 = every 2 seconds
      max_service_check_spread: '1', // first checks within a second of start
      max_host_check_spread: '1',
      check_result_reaper_frequency: '1',
      service_check_timeout: '60',
      enable_notifications: '0',
      use_syslog: '0',
      log_rotation_method: 'n',
      enable_flap_detection: '0',
      process_performance_data: '0',
    })
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
  );
  const verify = spawnSync(NAGIOS_BIN, ['-v', cfg], { encoding: 'utf8' });
  if (verify.status !== 0) throw new Error(`nagios config rejected:\n${verify.stdout}${verify.stderr}`);
  const child: ChildProcess = spawn(NAGIOS_BIN, [cfg], { stdio: 'ignore' });
  const status = () => {
    const file = join(dir, 'status.dat');
    return existsSync(file) ? parseStatus(readFileSync(file, 'utf8')) : new Map<string, ServiceStatus>();
  };
  return {
    dir,
    status,
    async waitForChecked(name, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const s = status().get(name);
        if (s?.hasBeenChecked) return s;
        if (child.exitCode !== null) throw new Error(`nagios exited (${child.exitCode}): ${readFileSync(join(dir, 'nagios.log'), 'utf8').slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`service ${name} not checked within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
