import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePolicy } from '../../src/core/policy/policy-file.js';
import { ConfigError } from '../../src/core/errors.js';
import { loadConfig } from '../../src/config.js';

const GOOD = `version: 1
roles:
  noc:
    members: [alice]
grants:
  - role: noc
    commands: ['show-*']
`;

type Bad = [name: string, yaml: string, message: RegExp];
const BAD: Bad[] = [
  ['not YAML', 'version: 1\nroles: [unclosed\n', /policy\.yaml line \d+: not valid YAML/],
  ['a key twice', 'version: 1\nversion: 1\nroles: {}\n', /line 2: not valid YAML: Map keys must be unique/],
  ['wrong version', GOOD.replace('version: 1', 'version: 2'), /line 1 \(version\): Invalid input: expected 1/],
  [
    'a grant naming an unknown role',
    `${GOOD}  - role: east\n    commands: [config]\n`,
    /line 8 \(grants\.1\.role\): "east" is not a role \(roles: noc\)/,
  ],
  [
    'a bad selector',
    `${GOOD}    targets: site=east colour=red\n`,
    /line 8 \(grants\.0\.targets\): expected a selector .*"colour" is not a target key/,
  ],
  ['an unknown field', `${GOOD}    role_typo: x\n`, /\(grants\.0\): Unrecognized key: "role_typo"/],
  [
    'a bad window time',
    `${GOOD}windows:\n  - from: '25:00'\n    to: '04:00'\n`,
    /line 9 \(windows\.0\.from\): expected a time of day HH:MM/,
  ],
  [
    'a bad time zone',
    `${GOOD}windows:\n  - from: '22:00'\n    to: '04:00'\n    timezone: Mars/Olympus\n`,
    /\(windows\.0\.timezone\): expected an IANA time zone/,
  ],
  [
    'a freeze that ends first',
    `${GOOD}freezes:\n  - name: x\n    from: 2026-12-20T00:00:00Z\n    to: 2026-12-01T00:00:00Z\n`,
    /line 11 \(freezes\.0\.to\): expected the end/,
  ],
  [
    'approvals from an unknown role',
    `${GOOD}approvals:\n  - count: 2\n    from: [noc, pci]\n`,
    /line 10 \(approvals\.0\.from\.1\): "pci" is not a role/,
  ],
  ['a count of zero', `${GOOD}approvals:\n  - count: 0\n    from: [noc]\n`, /\(approvals\.0\.count\): Too small/],
];

for (const [name, yaml, message] of BAD) {
  test(`policy file refused: ${name}`, () => {
    assert.throws(
      () => parsePolicy(yaml, 'policy.yaml'),
      (e: unknown) => e instanceof ConfigError && e.setting === 'NETOPS_POLICY' && message.test(e.message),
    );
  });
}

test('a good policy file parses, with defaults filled in', () => {
  const p = parsePolicy(GOOD, 'policy.yaml');
  assert.deepEqual(p.roles['noc'], { members: ['alice'], groups: [] });
  assert.deepEqual(p.blastRadius, { read: 50, change: 10, everyDevice: true });
});

test('NETOPS_POLICY is read by loadConfig; NETOPS_APPROVERS beside it is refused by name', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-policy-'));
  try {
    const file = join(dir, 'policy.yaml');
    await writeFile(file, GOOD);
    const config = loadConfig({ env: { NETOPS_POLICY: file } });
    assert.deepEqual(config.policy.document?.grants[0]?.commands, ['show-*']);
    assert.throws(() => loadConfig({ env: { NETOPS_POLICY: file, NETOPS_APPROVERS: 'bob' } }), /NETOPS_APPROVERS: is shorthand/);
    assert.throws(() => loadConfig({ env: { NETOPS_POLICY: join(dir, 'missing.yaml') } }), /NETOPS_POLICY: cannot read/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
