import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { StateStore } from '../core/ports.js';

interface StateFile {
  lastJobNumber: number;
}

/** Persisted bot state in a lowdb JSON file (atomic rewrite on every change). */
export class JsonStateStore implements StateStore {
  private chain: Promise<unknown> = Promise.resolve();
  private constructor(private readonly db: Low<StateFile>) {}

  static async open(path: string): Promise<JsonStateStore> {
    const db = new Low<StateFile>(new JSONFile<StateFile>(path), { lastJobNumber: 0 });
    await db.read();
    return new JsonStateStore(db);
  }

  nextJobNumber(): Promise<number> {
    // Serialised so two jobs started together never get the same number.
    const next = this.chain.then(async () => {
      this.db.data.lastJobNumber += 1;
      await this.db.write();
      return this.db.data.lastJobNumber;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
