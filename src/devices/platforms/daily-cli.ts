/** The everyday commands' CLI lines per platform, read from each platform's `daily` facts. */
import { PLATFORM_IDS, type PlatformId } from '../../core/types.js';
import type { DailyCli } from '../platform-types.js';
import { PLATFORMS } from './index.js';

type Lines = (args: Record<string, unknown>) => string[];

/**
 * A command module's `cli` map: `pick` turns a platform's facts and the validated arguments
 * into lines; platforms where `has` is false are left out (the engine reports them per device).
 */
export function cliFrom(
  pick: (d: DailyCli, args: Record<string, unknown>) => string[],
  has: (d: DailyCli) => boolean = () => true,
): Partial<Record<PlatformId, Lines>> {
  const out: Partial<Record<PlatformId, Lines>> = {};
  for (const p of PLATFORM_IDS) {
    const daily = PLATFORMS[p].daily;
    if (has(daily)) out[p] = (args) => pick(daily, args);
  }
  return out;
}
