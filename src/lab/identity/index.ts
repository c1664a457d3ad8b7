/** Each simulated platform's identity recipe (see ../device-identity.ts). */
import type { PlatformId } from '../../core/types.js';
import type { IdentityRecipe } from '../device-identity.js';
import { aristaEosIdentity } from './arista-eos.js';
import { ciscoIosIdentity } from './cisco-ios.js';
import { ciscoNxosIdentity } from './cisco-nxos.js';
import { ciscoXrIdentity } from './cisco-xr.js';
import { juniperJunosIdentity } from './juniper-junos.js';

export const IDENTITY_RECIPES: Record<PlatformId, IdentityRecipe> = {
  cisco_ios: ciscoIosIdentity,
  cisco_nxos: ciscoNxosIdentity,
  cisco_xr: ciscoXrIdentity,
  arista_eos: aristaEosIdentity,
  juniper_junos: juniperJunosIdentity,
};
