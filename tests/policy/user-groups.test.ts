import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserGroupCache, groupIdsOf } from '../../src/core/policy/user-groups.js';
import { parsePolicy } from '../../src/core/policy/policy-file.js';
import { Policy } from '../../src/core/policy.js';

const doc = parsePolicy(
  'version: 1\nroles:\n  noc:\n    groups: [S0NOC]\n  ops:\n    groups: [S0NOC, S0OPS]\ngrants:\n  - role: noc\n    commands: ["show-*"]\n',
  'groups.yaml',
);

test('user groups: members come from the fetcher, a failed refresh keeps the last members seen', async () => {
  assert.deepEqual(groupIdsOf(doc), ['S0NOC', 'S0OPS']);
  const answers: Record<string, string[] | Error> = { S0NOC: ['U0AAA', 'U0BBB'], S0OPS: ['U0CCC'] };
  const asked: string[] = [];
  const errors: string[] = [];
  const cache = new UserGroupCache(groupIdsOf(doc), { onError: (g) => errors.push(g) });
  const policy = new Policy({ approvers: [], document: doc }, cache);
  assert.deepEqual(policy.rolesOf({ id: 'U0AAA' }), [], 'no membership is assumed before the first refresh');
  await cache.start(async (g) => {
    asked.push(g);
    const a = answers[g]!;
    if (a instanceof Error) throw a;
    return a;
  });
  try {
    assert.deepEqual(asked, ['S0NOC', 'S0OPS']);
    assert.deepEqual(policy.rolesOf({ id: 'U0AAA' }), ['noc', 'ops']);
    assert.deepEqual(policy.rolesOf({ id: 'U0CCC' }), ['ops']);
    answers['S0NOC'] = new Error('ratelimited');
    answers['S0OPS'] = ['U0DDD'];
    await cache.refresh();
    assert.deepEqual(errors, ['S0NOC']);
    assert.deepEqual(policy.rolesOf({ id: 'U0AAA' }), ['noc', 'ops'], 'kept through a failed refresh');
    assert.deepEqual(policy.rolesOf({ id: 'U0CCC' }), [], 'removed from S0OPS');
    assert.deepEqual(policy.rolesOf({ id: 'U0DDD' }), ['ops']);
  } finally {
    cache.stop();
  }
});
