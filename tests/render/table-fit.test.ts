/** Tables fit the terminal: the widest columns give way first, cut cells end in `…`; --wide shows all. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawTable, fitWidths } from '../../src/render/table-fit.js';
import { showDuration, showMembers } from '../../src/render/cell-values.js';

const COLUMNS = [
  { key: 'device', label: 'Device' },
  { key: 'hostname', label: 'Hostname' },
  { key: 'model', label: 'Model' },
  { key: 'version', label: 'Version' },
  { key: 'serial', label: 'Serial' },
  { key: 'uptime', label: 'Uptime' },
];
const ROWS = [
  {
    device: 'east-edge-015',
    hostname: 'east-edge-015-node0.example.net, east-edge-015-node1.example.net',
    model: 'srx1500 ×2',
    version: '19.4R3-S1.3 ×2',
    serial: 'LABR0W34G00, LABR0W34G01',
    uptime: '22w 0d 19h 16m',
  },
  {
    device: 'west-core-014',
    hostname: 'west-core-014',
    model: 'cEOSLab',
    version: '4.31.6M-39953990.4316M',
    serial: '',
    uptime: '2d 15h 56m',
  },
];
const widest = (s: string) => Math.max(...s.split('\n').map((l) => [...l].length));

test('at 80 columns every line fits; the widest cells are cut with …, the narrow ones kept', () => {
  const t = drawTable(COLUMNS, ROWS, { width: 80 });
  assert.ok(widest(t) <= 80, t);
  assert.match(t, / {2}east-edge-[^\s]*… {2}/);
  // The device column and the narrow columns are whole.
  assert.match(t, /^east-edge-015 /m);
  assert.match(t, /^west-core-014 /m);
  assert.match(t, /srx1500 ×2/);
  assert.match(t, /cEOSLab/);
  assert.match(t.split('\n')[0]!, /^Device\s+Hostname\s+Model\s+Version\s+Serial\s+Uptime$/);
});

test('at 200 columns nothing is cut', () => {
  const t = drawTable(COLUMNS, ROWS, { width: 200 });
  assert.doesNotMatch(t, /…/);
  assert.match(t, /east-edge-015-node0\.example\.net, east-edge-015-node1\.example\.net/);
  assert.ok(widest(t) > 80 && widest(t) <= 200);
});

test('--wide shows every cell in full whatever the width', () => {
  const t = drawTable(COLUMNS, ROWS, { width: 40, wide: true });
  assert.doesNotMatch(t, /…/);
  assert.equal(drawTable(COLUMNS, ROWS), t, 'no width given: no limit');
});

test('the widest column gives way first; no column goes below its floor', () => {
  assert.deepEqual(fitWidths([10, 50, 8], [6, 6, 6], 50), [10, 28, 8]);
  assert.deepEqual(fitWidths([10, 30, 30], [6, 6, 6], 50), [10, 18, 18]);
  assert.deepEqual(fitWidths([10, 10], [8, 8], 5), [8, 8], 'too narrow: as narrow as allowed');
});

test('member values: identical ones once with a count, different ones in order', () => {
  assert.equal(showMembers('srx1500, srx1500'), 'srx1500 ×2');
  assert.equal(showMembers('WS-C3850-24P, WS-C3850-24P, WS-C3850-24P'), 'WS-C3850-24P ×3');
  assert.equal(showMembers('WS-C3850-24P, WS-C3850-48P'), 'WS-C3850-24P, WS-C3850-48P');
  assert.equal(showMembers('mx240'), 'mx240');
});

test('durations: the four largest units', () => {
  const cases: [number, string][] = [
    [2 * 365 * 86400 + 31 * 7 * 86400 + 6 * 86400 + 9 * 3600 + 55 * 60, '2y 31w 6d 9h'],
    [3600 + 16 * 60, '1h 16m'],
    [2 * 86400, '2d'],
    [42, '42s'],
    [0, '0s'],
  ];
  for (const [s, shown] of cases) assert.equal(showDuration(s), shown, String(s));
});
