import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlatformId } from '../core/types.js';

/**
 * Real device output the lab serves: copies of ../shared/fixtures/devices (Apache-2.0,
 * see captures/LICENSE), shipped so `npm run lab` works without the fixtures folder.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), 'captures');
const cache = new Map<string, string[]>();

export function captures(platform: PlatformId, command: string): string[] {
  const key = `${platform}/${command}`;
  let list = cache.get(key);
  if (!list) {
    const dir = join(ROOT, platform, command);
    let files: string[] = [];
    try {
      files = readdirSync(dir)
        .filter((f) => f.endsWith('.raw'))
        .sort();
    } catch {
      files = [];
    }
    list = files.map((f) => readFileSync(join(dir, f), 'utf8'));
    cache.set(key, list);
  }
  return list;
}

/** The capture with the device's own hostname put in place of the captured one(s). */
export function withHostname(capture: string, hostnameIn: readonly RegExp[], hostname: string): string {
  let out = capture;
  for (const re of hostnameIn) {
    const original = re.exec(out)?.[1];
    if (!original || original === hostname) continue;
    const escaped = original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(^|[^\\w-])${escaped}(?![\\w-])`, 'gm'), `$1${hostname}`);
  }
  return out;
}
