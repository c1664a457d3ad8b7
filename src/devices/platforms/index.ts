import type { PlatformId } from '../../core/types.js';
import type { PlatformDescription } from '../platform-types.js';
import { aristaEos } from './arista-eos.js';
import { ciscoIos } from './cisco-ios.js';
import { ciscoNxos } from './cisco-nxos.js';
import { ciscoXr } from './cisco-xr.js';
import { juniperJunos } from './juniper-junos.js';

/** One description per platform: every difference the session code needs is here. */
export const PLATFORMS: Record<PlatformId, PlatformDescription> = {
  cisco_ios: ciscoIos,
  cisco_nxos: ciscoNxos,
  cisco_xr: ciscoXr,
  arista_eos: aristaEos,
  juniper_junos: juniperJunos,
};

export function platformOf(id: PlatformId): PlatformDescription | undefined {
  return PLATFORMS[id];
}
