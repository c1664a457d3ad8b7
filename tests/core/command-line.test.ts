import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, tokenize } from '../../src/core/command-line.js';
import { UserError } from '../../src/core/errors.js';

test('parses command, selector terms, args, flags and words', () => {
  const p = parseCommandLine('/net show-version site=east,west role!=access device=core* limit=5 --dry-run --timeout=30 extra');
  assert.equal(p.command, 'show-version');
  assert.deepEqual(p.selector, [
    { key: 'site', negated: false, values: ['east', 'west'] },
    { key: 'role', negated: true, values: ['access'] },
    { key: 'device', negated: false, values: ['core*'] },
  ]);
  assert.deepEqual(p.args, { limit: '5' });
  assert.deepEqual(p.flags, { 'dry-run': true, timeout: '30' });
  assert.deepEqual(p.positional, ['extra']);
});

test('the /net prefix is optional and quotes group words', () => {
  assert.deepEqual(tokenize('config description="core uplink" x'), ['config', 'description=core uplink', 'x']);
  assert.equal(parseCommandLine('devices').command, 'devices');
  assert.deepEqual(tokenize('say "a \\"quoted\\" word"'), ['say', 'a "quoted" word']);
});

const BAD: [string, string, RegExp][] = [
  ['empty line', '   ', /no command given/],
  ['only /net', '/net', /no command given/],
  ['unclosed quote', 'devices site="east', /unclosed double quote/],
  ['empty value', 'devices site=', /site= needs a value/],
  ['empty list item', 'devices site=east,,west', /empty value/],
  ['negated non-selector', 'show-version limit!=3', /cannot be negated/],
  ['bad key', 'devices Site=east', /bad key "Site"/],
  ['repeated arg', 'x a=1 a=2', /a given twice/],
  ['bad flag', 'devices --Bad', /bad flag/],
];
for (const [name, line, message] of BAD) {
  test(`grammar error: ${name}`, () => {
    assert.throws(
      () => parseCommandLine(line),
      (e: unknown) => e instanceof UserError && e.code === 'parse' && message.test(e.message),
    );
  });
}
