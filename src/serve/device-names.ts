// cAdvisor labels block-device series with the device's name (`/dev/sda`), not MAJ:MIN. The
// kernel names each device in /sys/dev/block/<maj>:<min>/uevent; read once per device, cached.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function deviceNameResolver(root = '/'): (major: number, minor: number) => string {
  const cache = new Map<string, string>();
  return (major, minor) => {
    const key = `${major}:${minor}`;
    let name = cache.get(key);
    if (name === undefined) {
      try {
        const m = /^DEVNAME=(.+)$/m.exec(readFileSync(join(root, 'sys/dev/block', key, 'uevent'), 'utf8'));
        name = m ? `/dev/${m[1]}` : '';
      } catch {
        name = ''; // unknown here (remote engine, no /sys): cAdvisor's empty device label
      }
      if (cache.size < 4096) cache.set(key, name);
    }
    return name;
  };
}
