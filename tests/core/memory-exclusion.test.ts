import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryExclusion, deviceKey, groupKey, type Hold } from '../../src/core/exclusion.js';

const live = () => new AbortController().signal;

test('memory exclusion: overlapping holds run one after the other, disjoint ones at once', async () => {
  const ex = new MemoryExclusion();
  const log: string[] = [];
  const a = await ex.hold([deviceKey('r1'), groupKey('g1')], { holder: 'a', signal: live() });
  const c = await ex.hold([deviceKey('r3')], { holder: 'c', signal: live() });
  log.push('a', 'c');
  const b = ex.hold([groupKey('g1'), deviceKey('r2')], { holder: 'b', signal: live() }).then((h) => {
    log.push('b');
    return h;
  });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(log, ['a', 'c'], 'b waits while a holds g1');
  await a.release();
  const hb = await b;
  assert.deepEqual(log, ['a', 'c', 'b']);
  await Promise.all([hb.release(), c.release()]);
});

test('memory exclusion: tokens grow per key, lost never aborts, release twice is harmless', async () => {
  const ex = new MemoryExclusion();
  const first = await ex.hold([deviceKey('r1'), deviceKey('r1')], { holder: 'a', signal: live() });
  assert.deepEqual(Object.keys(first.tokens), ['device:r1'], 'a repeated key is held once');
  await first.release();
  await first.release();
  const second = await ex.hold([deviceKey('r1')], { holder: 'b', signal: live() });
  assert.ok(second.tokens['device:r1']! > first.tokens['device:r1']!);
  assert.equal(second.lost.aborted, false);
  await second.release();
});

test('memory exclusion: an abort while waiting rejects with the reason and gives back the keys taken', async () => {
  const ex = new MemoryExclusion();
  const holder = await ex.hold([groupKey('g1')], { holder: 'a', signal: live() });
  const ctl = new AbortController();
  // device:r1 sorts before group:g1: it is taken, then the wait for g1 is aborted.
  const waiting = ex.hold([groupKey('g1'), deviceKey('r1')], { holder: 'b', signal: ctl.signal });
  await new Promise((r) => setImmediate(r));
  ctl.abort(new Error('cancelled by alice'));
  await assert.rejects(waiting, /cancelled by alice/);
  const r1 = await ex.hold([deviceKey('r1')], { holder: 'c', signal: live() });
  await r1.release();
  await holder.release();
  const g1 = await ex.hold([groupKey('g1')], { holder: 'd', signal: live() });
  await g1.release();
});

test('memory exclusion: crossing key orders never deadlock', async () => {
  const ex = new MemoryExclusion();
  let inside = 0;
  let most = 0;
  const run = async (keys: string[]) => {
    const h: Hold = await ex.hold(keys, { holder: 'x', signal: live() });
    inside++;
    most = Math.max(most, inside);
    await new Promise((r) => setImmediate(r));
    inside--;
    await h.release();
  };
  await Promise.all(Array.from({ length: 20 }, (_, i) => run(i % 2 ? ['device:a', 'device:b'] : ['device:b', 'device:a'])));
  assert.equal(most, 1);
});
