import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { DurableJsonFile, DurableTextFile } from '../../src/audit/durable-file.js';
import { JsonStateStore } from '../../src/audit/state-store.js';
import { tempDir } from './audit-fixture.js';

test('a durable write replaces the content whole, leaves no temp file, and writes issued together land in order', async () => {
  const t = await tempDir();
  try {
    const f = new DurableTextFile(t.path);
    assert.equal(await f.read(), null);
    await f.write('first');
    // Issued together: one temp file, so they must not interleave; the last one wins.
    await Promise.all(['a'.repeat(100_000), 'b'.repeat(10), 'c'].map((s) => f.write(s)));
    assert.equal(await readFile(t.path, 'utf8'), 'c');
    assert.deepEqual(await readdir(t.dir), ['audit.json']);
  } finally {
    await t.cleanup();
  }
});

test("the state file keeps lowdb JSONFile's layout, so a file written before reads the same", async () => {
  const t = await tempDir();
  try {
    const path = `${t.dir}/state.json`;
    const before = { lastJobNumber: 41, running: [], changes: [] };
    await writeFile(path, JSON.stringify(before, null, 2));
    const store = await JsonStateStore.open(path);
    assert.equal(await store.nextJobNumber(), 42);
    assert.equal(await readFile(path, 'utf8'), JSON.stringify({ ...before, lastJobNumber: 42 }, null, 2));
    assert.deepEqual(await new DurableJsonFile<typeof before>(path).read(), { ...before, lastJobNumber: 42 });
  } finally {
    await t.cleanup();
  }
});
