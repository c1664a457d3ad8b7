/**
 * Keeps running configurations as versions and compares the running configuration with a
 * kept version. The device's text arrives unmasked; what leaves here masked is everything
 * shown: a kept (unmasked) backup is only ever written to the store.
 */
import { createHash } from 'node:crypto';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import type {
  BackupChoice,
  BackupSecrets,
  BackupStore,
  BackupVersion,
  Backups,
  DeviceConfigRead,
  DriftOutcome,
  KeepOutcome,
} from '../core/backups.js';
import { DeviceError } from '../core/errors.js';
import type { Clock } from '../core/ports.js';
import type { Redactor } from '../core/redact.js';
import { unifiedDiff } from './unified-diff.js';
import type { PlatformId } from '../core/types.js';
import { PLATFORMS } from '../devices/platforms/index.js';

dayjs.extend(utc);

export interface BackupDeskOptions {
  store: BackupStore;
  secrets: BackupSecrets;
  /** The redactor of everything shown: the configured credentials and every secret-bearing line. */
  redact: Redactor;
  clock: Clock;
}

const AFTER_CHANGE = /^after-change (\S+)$/;

/** How a version is named to people: `v3 (2026-12-02 15:04 UTC, alice)`, `v4 (..., taken after CR-12 by carol)`. */
export function describeVersion(v: BackupVersion): string {
  const change = AFTER_CHANGE.exec(v.reason ?? '')?.[1];
  const by = change ? `taken after ${change} by ${v.actor.name}` : v.actor.name;
  return `v${v.version} (${dayjs.utc(v.time).format('YYYY-MM-DD HH:mm')} UTC, ${by})`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Trailing blanks, blank ends and the platform's listing noise (timestamps, sizes) differ between two reads of one configuration. */
function tidy(text: string, platform: PlatformId): string {
  const noise = PLATFORMS[platform].configNoise;
  const lines = text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .filter((l) => !noise.test(l));
  while (lines[0] === '') lines.shift();
  while (lines.at(-1) === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

export class BackupDesk implements Backups {
  constructor(private readonly o: BackupDeskOptions) {}

  now(): number {
    return this.o.clock.now();
  }

  /** The text as a version of `secrets` stores it. */
  private formOf(read: DeviceConfigRead, secrets: BackupSecrets): string {
    return tidy(secrets === 'keep' ? read.raw : this.o.redact(read.raw), read.platform);
  }

  async keep(read: DeviceConfigRead): Promise<KeepOutcome> {
    const text = this.formOf(read, this.o.secrets);
    const lines = text.split('\n').length - 1;
    const entry = {
      device: read.device,
      time: this.o.clock.now(),
      actor: read.job.actor,
      jobId: read.job.id,
      ...(read.reason ? { reason: read.reason } : {}),
      secrets: this.o.secrets,
      sha256: sha256(text),
      lines,
    };
    const { version, stored } = await this.o.store.add(entry, text);
    return stored ? { stored: true, version } : { stored: false, version };
  }

  async drift(read: DeviceConfigRead, choice: BackupChoice): Promise<DriftOutcome> {
    const versions = await this.o.store.versions(read.device);
    const against = pick(versions, choice, read.device);
    const kept = await this.o.store.read(read.device, against.version);
    if (kept === undefined) throw new DeviceError('no_backup', `${describeVersion(against)} of ${read.device} has no text in the store`);
    // Compared in the version's own form: a masked version against the masked running text.
    const running = this.formOf(read, against.secrets);
    const d = unifiedDiff(kept, running, { before: `${read.device} ${describeVersion(against)}`, after: `${read.device} running` });
    // A kept version may differ in a secret: the lines say so, the secret itself is masked.
    return { against, diff: this.o.redact(d.text), added: d.added, removed: d.removed };
  }
}

function pick(versions: BackupVersion[], choice: BackupChoice, device: string): BackupVersion {
  const latest = versions.at(-1);
  if (!latest) throw new DeviceError('no_backup', `no backup of ${device} yet; take one with /net backup device=${device}`);
  if (choice.kind === 'latest') return latest;
  if (choice.kind === 'version') {
    const v = versions.find((x) => x.version === choice.version);
    if (!v) throw new DeviceError('no_backup', `${device} has no v${choice.version} (versions v1 to v${latest.version})`);
    return v;
  }
  const v = versions.filter((x) => x.time <= choice.time).at(-1);
  if (!v) {
    const when = dayjs.utc(choice.time).format('YYYY-MM-DD HH:mm');
    throw new DeviceError('no_backup', `no backup of ${device} as old as ${when} UTC (the oldest is ${describeVersion(versions[0]!)})`);
  }
  return v;
}
