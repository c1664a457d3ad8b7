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
  /** Channels the bastion allows open at once over one connection (DEFAULT_BASTION_SESSIONS when absent). */
  maxSessions?: number;
}

/**
 * OpenSSH's sshd allows 10 sessions per connection by default (sshd_config MaxSessions 10):
 * the bound a shared bastion connection keeps to unless the inventory says the bastion allows more.
 */
export const DEFAULT_BASTION_SESSIONS = 10;

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

/**
 * Key exchange, strongest-and-cheapest first. ecdh-sha2-nistp256 leads because in Node it costs
 * about half the CPU of curve25519 (key pair and shared secret: 131 vs 255 µs, measured with
 * node:crypto as ssh2 calls it), which counts when hundreds of logins start at once; it is also
 * the curve FIPS shops require. curve25519 follows, so a device that offers only it connects.
 */
export const KEY_EXCHANGE = [
  'ecdh-sha2-nistp256',
  'curve25519-sha256',
  'curve25519-sha256@libssh.org',
  'ecdh-sha2-nistp384',
  'ecdh-sha2-nistp521',
  'diffie-hellman-group-exchange-sha256',
  'diffie-hellman-group14-sha256',
  'diffie-hellman-group16-sha512',
  'diffie-hellman-group18-sha512',
];

type AlgorithmList = string[] | { append?: string[]; remove?: string[] };

/** ssh2's algorithm lists: legacy ones appended for a legacy device, removed for every other. */
export function algorithmsFor(route: DeviceRoute): Record<keyof typeof LEGACY_ALGORITHMS, AlgorithmList> {
  const op = route.legacy ? 'append' : 'remove';
  return {
    kex: route.legacy ? [...KEY_EXCHANGE, ...LEGACY_ALGORITHMS.kex] : [...KEY_EXCHANGE],
    cipher: { [op]: [...LEGACY_ALGORITHMS.cipher] },
    hmac: { [op]: [...LEGACY_ALGORITHMS.hmac] },
    serverHostKey: { [op]: [...LEGACY_ALGORITHMS.serverHostKey] },
  };
}
