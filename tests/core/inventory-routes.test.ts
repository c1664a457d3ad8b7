import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInventory } from '../../src/inventory/inventory.js';
import { routeResolver } from '../../src/inventory/routes.js';
import { ConfigError } from '../../src/core/errors.js';

const base = { host: 'h', platform: 'cisco_ios', role: 'core' };

test("routes: a device's own jump host, else its site's, else direct; legacy only where marked", () => {
  const inv = parseInventory(
    {
      jumpHosts: { 'bastion-east': { host: '10.0.0.9', credentials: 'bastion' }, 'bastion-dc': { host: '10.1.0.9', port: 2222 } },
      sites: { east: { jumpHost: 'bastion-east' } },
      devices: [
        { ...base, name: 'a', site: 'east' },
        { ...base, name: 'b', site: 'east', jumpHost: 'bastion-dc', legacy: true },
        { ...base, name: 'c', site: 'west' },
      ],
    },
    'inv.json',
  );
  const route = routeResolver(inv.routes);
  assert.deepEqual(route(inv.get('a')!), { jumpHost: { name: 'bastion-east', host: '10.0.0.9', port: 22, credentials: 'bastion' } });
  assert.deepEqual(route(inv.get('b')!), {
    jumpHost: { name: 'bastion-dc', host: '10.1.0.9', port: 2222, credentials: 'default' },
    legacy: true,
  });
  assert.deepEqual(route(inv.get('c')!), {});
});

test('routes: a jump host name that is not defined is refused at load', () => {
  assert.throws(
    () => parseInventory({ devices: [{ ...base, name: 'a', site: 'east', jumpHost: 'nope' }] }, 'inv.json'),
    (e: unknown) => e instanceof ConfigError && /device a names jump host "nope"/.test(e.message),
  );
  assert.throws(
    () => parseInventory({ sites: { east: { jumpHost: 'nope' } }, devices: [] }, 'inv.json'),
    (e: unknown) => e instanceof ConfigError && /site east names jump host "nope"/.test(e.message),
  );
});
