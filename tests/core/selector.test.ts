import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInventory } from '../../src/inventory/inventory.js';
import { selectDevices } from '../../src/inventory/selector.js';
import { parseCommandLine } from '../../src/core/command-line.js';
import { UserError, ConfigError } from '../../src/core/errors.js';

const inv = parseInventory(
  {
    devices: [
      { name: 'core-east-1', host: '10.0.0.1', platform: 'cisco_ios', site: 'east', role: 'core', tags: ['pci'], group: 'east-core' },
      { name: 'core-east-2', host: '10.0.0.2', platform: 'cisco_ios', site: 'east', role: 'core', group: 'east-core' },
      { name: 'edge-east-1', host: '10.0.0.3', platform: 'cisco_nxos', site: 'east', role: 'edge' },
      { name: 'core-west-1', host: '10.0.1.1', platform: 'cisco_ios', site: 'west', role: 'core', tags: ['pci'] },
      { name: 'acc-lab-1', host: '10.9.0.1', platform: 'arista_eos', site: 'lab', role: 'access' },
    ],
  },
  'test',
);

const select = (line: string) => selectDevices(parseCommandLine(`x ${line}`).selector, inv).map((d) => d.name);

const CASES: [string, string, string[]][] = [
  ['one site', 'site=east', ['core-east-1', 'core-east-2', 'edge-east-1']],
  ['comma list', 'site=east,west role=core', ['core-east-1', 'core-east-2', 'core-west-1']],
  ['glob', 'device=core*', ['core-east-1', 'core-east-2', 'core-west-1']],
  ['negation', 'site!=lab role!=edge', ['core-east-1', 'core-east-2', 'core-west-1']],
  ['tag', 'tag=pci', ['core-east-1', 'core-west-1']],
  ['group', 'group=east-core', ['core-east-1', 'core-east-2']],
  ['platform', 'platform=cisco_nxos,arista_eos', ['edge-east-1', 'acc-lab-1']],
  ['case-insensitive values', 'site=EAST role=Edge', ['edge-east-1']],
  ['ANDed terms', 'site=east role=core device=*-2', ['core-east-2']],
];
for (const [name, line, expected] of CASES) {
  test(`selector: ${name}`, () => assert.deepEqual(select(line), expected));
}

test('a typo in a value is an error with a suggestion', () => {
  assert.throws(
    () => select('site=eats'),
    (e: unknown) => e instanceof UserError && e.code === 'bad_argument' && e.hint === 'did you mean site=east?',
  );
});

test('a selector that matches nothing is a clear error', () => {
  assert.throws(
    () => select('site=lab role=core'),
    (e: unknown) => e instanceof UserError && e.code === 'no_targets' && /no device matches site=lab role=core/.test(e.message),
  );
});

test('no selector at all is refused rather than meaning every device', () => {
  assert.throws(
    () => select(''),
    (e: unknown) => e instanceof UserError && /no targets given/.test(e.message),
  );
});

test('an inventory holding a secret is refused', () => {
  assert.throws(
    () => parseInventory({ devices: [{ name: 'a', host: 'h', platform: 'cisco_ios', site: 's', role: 'r', password: 'x' }] }, 'inv.json'),
    (e: unknown) => e instanceof ConfigError && /holds a secret/.test(e.message),
  );
});

test('an inventory with an unknown platform names the field', () => {
  assert.throws(
    () => parseInventory({ devices: [{ name: 'a', host: 'h', platform: 'cisco_catos', site: 's', role: 'r' }] }, 'inv.json'),
    (e: unknown) => e instanceof ConfigError && /devices\.0\.platform/.test(e.message),
  );
});

test('the example inventory in data/ is valid', async () => {
  const { loadInventory } = await import('../../src/inventory/inventory.js');
  const example = await loadInventory('data/inventory.example.json');
  assert.ok(example.devices.length >= 5);
  assert.deepEqual(example.valuesOf('site'), ['east', 'west']);
});
