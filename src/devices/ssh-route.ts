/**
 * How the connector reaches a device beyond its address: through a jump host (bastion),
 * and whether it may offer the old algorithms an old device needs. The inventory fills
 * these in (`jumpHost`, `legacy`); devices without them are reached directly and strictly.
 */
import type { Device } from '../core/types.js';

/** A bastion: another inventory entry's address, or one given in full. */
export interface JumpHost {
  /** Named in reasons: "jump host bastion-east: authentication rejected". */
  name: string;
  host: string;
  port: number;
  /** Credential profile for the bastion itself. */
  credentials: string;
}

export interface DeviceRoute {
  jumpHost?: JumpHost;
  /** Offer SHA-1 key exchange, CBC ciphers and SHA-1 MACs: only for devices marked legacy. */
  legacy?: boolean;
}

/** The route of a device that the inventory says nothing special about. */
export const directRoute = (_device: Device): DeviceRoute => ({});

/** Old algorithms: never offered unless the device is marked legacy. */
export const LEGACY_ALGORITHMS = {
  kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'diffie-hellman-group1-sha1'],
  cipher: ['aes128-cbc', 'aes256-cbc', '3des-cbc'],
  hmac: ['hmac-sha1'],
  serverHostKey: ['ssh-rsa', 'ssh-dss'],
} as const;

/** ssh2's algorithm lists: legacy ones appended for a legacy device, removed for every other. */
export function algorithmsFor(route: DeviceRoute): Record<keyof typeof LEGACY_ALGORITHMS, { append?: string[]; remove?: string[] }> {
  const op = route.legacy ? 'append' : 'remove';
  return {
    kex: { [op]: [...LEGACY_ALGORITHMS.kex] },
    cipher: { [op]: [...LEGACY_ALGORITHMS.cipher] },
    hmac: { [op]: [...LEGACY_ALGORITHMS.hmac] },
    serverHostKey: { [op]: [...LEGACY_ALGORITHMS.serverHostKey] },
  };
}
