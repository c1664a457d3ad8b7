import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine } from '../../src/core/command-line.js';
import { UserError } from '../../src/core/errors.js';
import { parseJobId, notAChangeRequest } from '../../src/core/job-ids.js';
import { visible } from '../../src/core/user-text.js';
import { parseInventory } from '../../src/inventory/inventory.js';
import { compileSelector } from '../../src/inventory/selector.js';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/app.js';
import type { JobSummary } from '../../src/core/types.js';

const inventory = parseInventory(
  { devices: [{ name: 'east-core-1', host: '192.0.2.1', platform: 'cisco_ios', site: 'east', role: 'core' }] },
  'test',
);

/** The error a line makes, parsed and then selected against the inventory, as the core would. */
function errorOf(line: string): UserError {
  try {
    const req = parseCommandLine(line);
    compileSelector(req.selector, inventory);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  assert.fail(`no error for ${JSON.stringify(line)}`);
}

const NO_RAW_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/;

type Case = [name: string, line: string, message: RegExp, hint?: RegExp];
const CASES: Case[] = [
  ['a selector key twice', 'show-version site=east site=west', /^site= given twice$/, /give one comma list: site=east,west$/],
  ['a flag twice', 'show-version site=east --confirm --confirm', /^--confirm given twice$/],
  ['an argument twice', 'config site=east server=1.1.1.1 server=2.2.2.2', /^server given twice$/],
  [
    'a Cyrillic e in a key',
    'show-version sit\u0435=east',
    /^"sitе" holds CYRILLIC SMALL LETTER IE \(U\+0435\), which looks like "e"/,
    /plain letters/,
  ],
  ['a Cyrillic a in a value', 'show-version site=e\u0430st', /CYRILLIC SMALL LETTER A \(U\+0430\), which looks like "a"/],
  ['a Greek omicron in the command', 'sh\u03bfw-version site=east', /GREEK SMALL LETTER OMICRON \(U\+03BF\)/],
  ['a fullwidth letter', 'show-version \uff53ite=east', /FULLWIDTH FORM OF "s" \(U\+FF53\)/],
  ['an en dash for a hyphen', 'show\u2013version site=east', /EN DASH \(U\+2013\), which looks like "-"/],
  ['an escape sequence in a flag', 'devices --\u001b[2Jx', /^bad flag "--\\e\[2Jx"$/],
  ['a bidi override in a value', 'show-version site=ea\u202est', /no site named "ea\\u\{202E\}st"/],
  ['a long value', `show-version site=${'x'.repeat(300)}`, /^no site named "x{20,60}…" in the inventory$/],
  ['a long flag', `devices --${'y'.repeat(300)}`, /^bad flag "--y{10,40}…"$/],
];

for (const [name, line, message, hint] of CASES) {
  test(`hygiene: ${name}`, () => {
    const e = errorOf(line);
    assert.match(e.message, message);
    if (hint) assert.match(e.hint ?? '', hint);
    assert.doesNotMatch(e.message, NO_RAW_CONTROLS, 'no raw control character reaches a terminal');
    assert.ok(e.message.length < 160, `readable length: ${e.message.length}`);
  });
}

test('hygiene: a word wholly in another script is left alone; terms with different operators may repeat', () => {
  assert.deepEqual(parseCommandLine('config site=east description="Москва"').args, { description: 'Москва' });
  assert.equal(parseCommandLine('show-version tag=pci tag!=lab').selector.length, 2);
});

test('hygiene: every UserError shows control characters as escapes, whoever built it', () => {
  const e = new UserError('bad_argument', 'no device "a\u001b]0;pwned\u0007b"', 'hint\r\nline');
  assert.equal(e.message, 'no device "a\\e]0;pwned\\x07b"');
  assert.equal(e.hint, 'hint\\r\\nline');
  assert.equal(visible('\u0000\u009b\u200b'), '\\x00\\x9b\\u{200B}');
});

test('hygiene: malformed job ids say the expected form', () => {
  assert.equal(parseJobId(['cr-7'], 'approve', 'change request'), 'CR-7');
  assert.throws(
    () => parseJobId(['J-abc'], 'cancel', 'job'),
    (e: UserError) => e.code === 'bad_argument' && e.message === '"J-abc" is not a job id' && /J-42/.test(e.hint ?? ''),
  );
  assert.throws(() => parseJobId(['42'], 'approve', 'change request'), /"42" is not a change request id/);
  assert.throws(() => parseJobId(['J-1', 'J-2'], 'cancel', 'job'), /give one job id, not 2/);
  assert.throws(() => parseJobId([], 'cancel', 'job'), /which job\?/);
});

test('hygiene: approving a read job says it is a read job', () => {
  const job = { id: 'J-5', command: 'show-version', state: 'succeeded' } as JobSummary;
  const kindOf = (c: string) => (c === 'config' ? 'change' : 'read') as 'read' | 'change';
  assert.match(
    notAChangeRequest('CR-5', [job], kindOf, 'approve')?.message ?? '',
    /J-5 is a read job \(\/net show-version\), not a change request/,
  );
  const change = { id: 'J-6', command: 'config', state: 'running' } as JobSummary;
  assert.match(
    notAChangeRequest('J-6', [job, change], kindOf, 'approve')?.message ?? '',
    /J-6 is not waiting for approval \(it is running\)/,
  );
  assert.equal(notAChangeRequest('J-9', [job], kindOf, 'approve'), undefined);
});

test('hygiene: the core gives the console and Slack the same escaped, cut errors', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-hygiene-'));
  const config = loadConfig({ env: { NETOPS_DATA_DIR: dir, NETOPS_USERNAME: 'u', NETOPS_PASSWORD: 'p4ss-w0rd-long' } });
  const app = await createApp(config, { inventory });
  try {
    for (const via of ['console', 'slack'] as const) {
      const actor = { id: via === 'slack' ? 'U0ALICE01' : 'alice', name: 'alice', via };
      await assert.rejects(
        app.service.prepare('show-version site=\u001b[31meast', actor),
        (e: UserError) => e.message === 'no site named "\\e[31meast" in the inventory',
      );
      await assert.rejects(app.service.prepare('show-version site=east site=west', actor), /site= given twice/);
      await assert.rejects(app.service.prepare('show-version sit\u0435=east', actor), /U\+0435/);
    }
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
});
