import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';

test('scale-out settings: defaults are the embedded bot', () => {
  const c = loadConfig({ env: {} });
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.databaseSchema, 'netops');
  assert.deepEqual(c.worker, { enabled: false, sites: undefined });
  assert.equal(c.leaseTtlMs, 30_000);
  assert.equal(c.workerConcurrency, c.concurrency);
});

test('scale-out settings: read from the environment', () => {
  const c = loadConfig({
    env: {
      NETOPS_DATABASE_URL: 'postgres://bot@db:5432/netops',
      NETOPS_DATABASE_SCHEMA: 'ops_east',
      NETOPS_WORKER: 'on',
      NETOPS_WORKER_SITES: 'east, west',
      NETOPS_LEASE_TTL_MS: '9000',
      NETOPS_WORKER_CONCURRENCY: '7',
    },
  });
  assert.equal(c.databaseUrl, 'postgres://bot@db:5432/netops');
  assert.equal(c.databaseSchema, 'ops_east');
  assert.deepEqual(c.worker, { enabled: true, sites: ['east', 'west'] });
  assert.equal(c.leaseTtlMs, 9000);
  assert.equal(c.workerConcurrency, 7);
  assert.equal(loadConfig({ env: { NETOPS_WORKER_SITES: ' , ' } }).worker.sites, undefined, 'an empty list is all sites');
});

const BAD: [string, Record<string, string>, string][] = [
  ['not a PostgreSQL URL', { NETOPS_DATABASE_URL: 'mysql://db/x' }, 'NETOPS_DATABASE_URL'],
  ['schema that is no identifier', { NETOPS_DATABASE_SCHEMA: 'x; drop table audit' }, 'NETOPS_DATABASE_SCHEMA'],
  ['worker neither on nor off', { NETOPS_WORKER: 'yes' }, 'NETOPS_WORKER'],
  ['lease shorter than a second', { NETOPS_LEASE_TTL_MS: '10' }, 'NETOPS_LEASE_TTL_MS'],
];
for (const [name, env, setting] of BAD) {
  test(`scale-out settings refused: ${name}`, () => {
    assert.throws(
      () => loadConfig({ env }),
      (e: unknown) => e instanceof ConfigError && e.setting === setting,
    );
  });
}
