/**
 * The readiness checks /readyz runs, each over the smallest interface it needs, so fronts,
 * workers, the embedded stores and PostgreSQL all plug in the same way.
 */
import { access, constants } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ReadinessCheck } from './http-probe.js';

/** The inventory is loaded and names at least one device. */
export function inventoryCheck(inventory: () => { devices: readonly unknown[] } | undefined): ReadinessCheck {
  return {
    name: 'inventory',
    check: () => {
      const inv = inventory();
      if (!inv) throw new Error('inventory not loaded');
      if (!inv.devices.length) throw new Error('inventory has no devices');
    },
  };
}

/** The embedded audit file's directory is writable (the PostgreSQL trail is covered by the database check). */
export function auditFileCheck(auditFile: string): ReadinessCheck {
  return {
    name: 'audit',
    check: async () => {
      try {
        await access(dirname(auditFile), constants.W_OK);
      } catch (err) {
        throw new Error(`audit directory ${dirname(auditFile)} is not writable (${(err as NodeJS.ErrnoException).code ?? err})`);
      }
    },
  };
}

/** Slack mode: the receiver is started and, in Socket Mode, connected. The console needs no check. */
export function slackCheck(connected: () => boolean): ReadinessCheck {
  return {
    name: 'slack',
    check: () => {
      if (!connected()) throw new Error('not connected to Slack');
    },
  };
}

/** Anything that answers a query: a pg Pool (best one of its own, with short timeouts: see worker/scale-out-readiness.ts). */
export interface Queryable {
  query(sql: string): Promise<unknown>;
}

/** The database (or the queue's tables) answers `sql`; its own error message is the reason. */
export function queryCheck(name: 'database' | 'queue', db: Queryable, sql = 'select 1'): ReadinessCheck {
  return {
    name,
    check: async () => {
      await db.query(sql);
    },
  };
}
