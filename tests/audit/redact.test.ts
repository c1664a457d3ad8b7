import { test } from 'node:test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createRedactor, MASK, SECRET_RULES, SECRET_TRIGGER } from '../../src/core/redact.js';
import { pathMissing, requirement } from '../support/requirements.js';

/**
 * Real configuration lines (most from ../shared/fixtures/sessions/base_configs and vendor
 * configuration guides): [name, line, the secret that must not survive, text that must].
 */
const LINES: [string, string, string, string][] = [
  [
    'ios enable secret 9',
    'enable secret 9 $9$iYHNnk9hB4ElFk$3JjDfWOwfPRJK5SJKUo8YGs7whG5fra4jK9i1UWeVPc',
    'iYHNnk9hB4ElFk',
    'enable secret 9 ',
  ],
  ['ios enable password 7', 'enable password 7 0822455D0A16', '0822455D0A16', 'enable password 7 '],
  ['ios enable secret level', 'enable secret level 15 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0', 'hx5rVt7rPNoS4wqbXKX7m0', 'level 15 5 '],
  [
    'ios username password 0',
    'username boxen privilege 15 password 0 b0x3N-b0x3N',
    'b0x3N-b0x3N',
    'username boxen privilege 15 password 0 ',
  ],
  ['ios username plain password', 'username admin privilege 15 password admin123', 'admin123', 'username admin'],
  [
    'ios username scrypt secret',
    'username ops privilege 15 algorithm-type scrypt secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM',
    'X.HsgL6x1il0',
    'algorithm-type scrypt secret 9 ',
  ],
  ['ios snmp community', 'snmp-server community N3tw0rkRO RO 10', 'N3tw0rkRO', 'snmp-server community '],
  ['ios ntp authentication-key', 'ntp authentication-key 1 md5 104D000A0618 7', '104D000A0618', 'ntp authentication-key 1 md5 '],
  [
    'ios ntp authentication-key type 7 first',
    'ntp authentication-key 2 md5 7 0822455D0A16',
    '0822455D0A16',
    'ntp authentication-key 2 md5 7 ',
  ],
  [
    'ios snmp host community',
    'snmp-server host 10.1.1.1 traps version 2c S3cr3tComm',
    'S3cr3tComm',
    'snmp-server host 10.1.1.1 traps version 2c ',
  ],
  ['ios snmp host community v1', 'snmp-server host 10.1.1.2 TrapComm9', 'TrapComm9', 'snmp-server host 10.1.1.2 '],
  ['ios config-key', 'key config-key password-encrypt MasterKey1', 'MasterKey1', 'key config-key password-encrypt '],
  ['ios wpa-psk', ' wpa-psk ascii 0 MyPsk123', 'MyPsk123', ' wpa-psk ascii 0 '],
  ['slack bot token', 'pasted xoxb-1234-5678-abcdefgh by mistake', 'xoxb-1234-5678-abcdefgh', 'pasted '],
  ['slack app token', 'SLACK_APP_TOKEN=xapp-1-A111-222-abcdef', 'xapp-1-A111-222-abcdef', 'SLACK_APP_TOKEN='],
  ['ios snmp v3 user', 'snmp-server user mon grp v3 auth sha AuthPhrase1 priv aes 128 PrivPhrase2', 'PrivPhrase2', 'auth sha '],
  ['ios snmp v3 user auth', 'snmp-server user mon grp v3 auth sha AuthPhrase1 priv aes 128 PrivPhrase2', 'AuthPhrase1', 'priv aes 128 '],
  ['ios key chain key-string', ' key-string 7 070C285F4D06', '070C285F4D06', 'key-string 7 '],
  ['ios server key 7', ' key 7 045802150C2E', '045802150C2E', ' key 7 '],
  ['ios plain key 0', ' key 0 1234', '1234', ' key 0 '],
  ['ios tacacs-server key', 'tacacs-server key 7 1511021F0725', '1511021F0725', 'tacacs-server key 7 '],
  ['ios tacacs-server host key', 'tacacs-server host 10.1.1.5 key Tac4csK3y', 'Tac4csK3y', 'tacacs-server host 10.1.1.5 key '],
  [
    'ios radius-server host key',
    'radius-server host 10.1.1.6 auth-port 1812 acct-port 1813 key R4diusK3y',
    'R4diusK3y',
    'acct-port 1813 key ',
  ],
  ['ios crypto isakmp key', 'crypto isakmp key 0 Isakmp-PSK-1 address 203.0.113.9', 'Isakmp-PSK-1', 'address 203.0.113.9'],
  ['ios crypto isakmp key plain', 'crypto isakmp key Isakmp-PSK-2 address 0.0.0.0 0.0.0.0', 'Isakmp-PSK-2', 'crypto isakmp key '],
  ['ios ikev2 pre-shared-key', '  pre-shared-key local Ikev2-Local-9', 'Ikev2-Local-9', 'pre-shared-key local '],
  ['ios ospf authentication-key', ' ip ospf authentication-key 7 13061E010803', '13061E010803', 'ip ospf authentication-key 7 '],
  ['ios ospf message-digest-key', ' ip ospf message-digest-key 1 md5 7 094F471A1A0A', '094F471A1A0A', 'message-digest-key 1 md5 7 '],
  ['ios bgp neighbor password', ' neighbor 192.0.2.1 password 7 05080F1C2243', '05080F1C2243', 'neighbor 192.0.2.1 password 7 '],
  [
    'ios hsrp md5 key-string',
    ' standby 1 authentication md5 key-string 7 1046160B0713',
    '1046160B0713',
    'standby 1 authentication md5 key-string 7 ',
  ],
  ['ios line password', ' password 7 121A0C041104', '121A0C041104', ' password 7 '],
  ['xr username secret 5', ' secret 5 $1$Eqd9$r77Xc5HHjEiT.ushQEHMu1', 'r77Xc5HHjEiT', ' secret 5 '],
  ['xr username password 7', ' password 7 1511070D060A7A767B', '1511070D060A7A767B', ' password 7 '],
  ['xr key-string password', '  key-string password 0822455D0A16', '0822455D0A16', 'key-string password '],
  [
    'nxos username password 5',
    'username admin password 5 $5$PPPAFB$Ce6ZlAEd0mkfvdzGOKQGXrGzmhcNLBiJflcpwnRqlm4  role network-admin',
    'Ce6ZlAEd0mkfvdz',
    'role network-admin',
  ],
  [
    'nxos snmp user auth',
    'snmp-server user admin network-admin auth md5 0xc2ddb65d774688cbe39ccc99407c3504 priv 0xbbde1f880043a9581715afb5bd97c938 localizedkey',
    'c2ddb65d774688cbe39ccc99407c3504',
    'localizedkey',
  ],
  [
    'nxos snmp user priv',
    'snmp-server user admin network-admin auth md5 0xc2ddb65d774688cbe39ccc99407c3504 priv 0xbbde1f880043a9581715afb5bd97c938 localizedkey',
    'bbde1f880043a9581715afb5bd97c938',
    'auth md5 ',
  ],
  ['nxos tacacs host key quoted', 'tacacs-server host 10.10.1.1 key 7 "fewhg123"', 'fewhg123', 'tacacs-server host 10.10.1.1 key 7 '],
  ['nxos snmp community group', 'snmp-server community n3xusRO group network-operator', 'n3xusRO', 'group network-operator'],
  [
    'eos username secret sha512',
    'username admin privilege 15 role network-admin secret sha512 $6$hB2JUt/ViRqix1FE$LeMDLUUvYUB9RcfqIWNYTZcvQX8lBHHeC5FjEkk/Uj3HJKw4fOTXMHNBU6/x3yS2hUrrM7m/xVTYzrQV5YLkD/',
    'LeMDLUUvYUB9',
    'role network-admin secret sha512 ',
  ],
  ['eos enable password sha512', 'enable password sha512 $6$Xs0mbZ/xQ6Y6fK0j$hYJ8e9sH1p2Vx', 'hYJ8e9sH1p2Vx', 'enable password sha512 '],
  ['eos bgp neighbor password', '   neighbor 10.0.0.2 password 7 Qn8rEJCXAvI=', 'Qn8rEJCXAvI=', 'password 7 '],
  ['eos snmp community', 'snmp-server community ar1staRO ro', 'ar1staRO', ' ro'],
  ['eos radius key', 'radius-server host 10.1.1.7 key 7 0207165218120E', '0207165218120E', 'radius-server host 10.1.1.7 key 7 '],
  [
    'junos root encrypted-password',
    '        encrypted-password "$1$a$/nr2uXmtaTqW504hxM3Yw0"; ## SECRET-DATA',
    'nr2uXmtaTqW504hxM3Yw0',
    'encrypted-password ',
  ],
  [
    'junos user encrypted-password $6',
    '                encrypted-password "$6$g7XN4vy8$S7d7Xl5RDgnFhzYgGNhvKDot4vEAiMo8ZFipF7WWGmSbih8xbnaSWmAnJn5/nSq3mA2gOs/ts6pBv2PPi3yYO."; ## SECRET-DATA',
    'S7d7Xl5RDgnF',
    '## SECRET-DATA',
  ],
  [
    'junos set encrypted-password',
    'set system root-authentication encrypted-password "$6$abc$DEFghiJKLmno"',
    'DEFghiJKLmno',
    'set system root-authentication',
  ],
  ['junos radius secret', '        secret "$9$dkb2aUjqfT3/tDk.P5"; ## SECRET-DATA', 'dkb2aUjqfT3', 'secret '],
  [
    'junos ospf authentication-key',
    '                authentication-key "$9$jEkmTz6AIRh"; ## SECRET-DATA',
    'jEkmTz6AIRh',
    'authentication-key ',
  ],
  [
    'junos ntp key value',
    'set system ntp authentication-key 1 type md5 value "$9$Ntp5ecret"',
    'Ntp5ecret',
    'authentication-key 1 type md5 value ',
  ],
  [
    'junos ike pre-shared-key',
    'set security ike policy p1 pre-shared-key ascii-text "$9$PSKsecretvalue"',
    'PSKsecretvalue',
    'pre-shared-key ascii-text ',
  ],
  [
    'junos pre-shared-key tree',
    '        pre-shared-key ascii-text "$9$Hq.5QF/9pB1RlKv"; ## SECRET-DATA',
    'Hq.5QF/9pB1RlKv',
    'pre-shared-key ascii-text ',
  ],
  [
    'junos isis simple-password',
    'set protocols isis level 2 authentication-key-chain k; set protocols isis interface ge-0/0/0 level 2 simple-password "Is1sPlain"',
    'Is1sPlain',
    'simple-password ',
  ],
  ['junos set snmp community', 'set snmp community jun1perRO authorization read-only', 'jun1perRO', 'authorization read-only'],
  ['junos snmp community tree', '    community jun1perRW {', 'jun1perRW', '    community '],
  ['show snmp community output', 'Community name: publ1cRO', 'publ1cRO', 'Community name: '],
];

/** Lines that hold no secret and must come through unchanged. */
const CLEAN: [string, string][] = [
  ['nxos password strength-check', 'no password strength-check'],
  ['ios key chain key id', ' key 1'],
  ['ios ssh pubkey-chain', 'ip ssh pubkey-chain'],
  ['ios key-hash', '   key-hash ssh-rsa 5CC74A68B18B026A1709FB09D1F44E2F'],
  ['junos key url', '            url https://ae1.juniper.net/junos/key_retrieval;'],
  ['junos bgp community', '    community CUST-A members 65000:100;'],
  ['show version line', 'Cisco IOS Software, C3750E Software (C3750E-UNIVERSALK9-M), Version 12.2(58)SE2'],
  ['interface line', 'interface GigabitEthernet0/0/0/0'],
];

const redact = createRedactor([]);

for (const [name, line, secret, kept] of LINES) {
  test(`redacts ${name}`, () => {
    const out = redact(line);
    assert.ok(!out.includes(secret), `${name}: secret survived in ${JSON.stringify(out)}`);
    assert.ok(out.includes(MASK), `${name}: nothing masked in ${JSON.stringify(out)}`);
    assert.ok(out.includes(kept), `${name}: lost the context ${JSON.stringify(kept)} in ${JSON.stringify(out)}`);
  });
}

for (const [name, line] of CLEAN) {
  test(`leaves alone ${name}`, () => assert.equal(redact(line), line));
}

test('redaction is idempotent and keeps a multi-line config readable line by line', () => {
  const config = LINES.map(([, l]) => l).join('\n');
  const once = redact(config);
  assert.equal(redact(once), once);
  assert.equal(once.split('\n').length, LINES.length);
  for (const [name, , secret] of LINES) assert.ok(!once.includes(secret), name);
});

test('configured credentials are masked wherever they appear, longest first', () => {
  const r = createRedactor(['lab-Passw0rd!', 'lab-Passw0rd!-long', 'ab']);
  assert.equal(r('login lab-Passw0rd!-long then lab-Passw0rd! done ab'), `login ${MASK} then ${MASK} done ab`);
  assert.equal(r('{"password":"lab-Passw0rd!"}'), `{"password":"${MASK}"}`);
});

test('every rule is exercised by the table', () => {
  const used = new Set<string>();
  for (const [, line] of LINES) {
    for (const [name, re] of Object.entries(SECRET_RULES)) if (new RegExp(re.source, re.flags).test(line)) used.add(name);
  }
  assert.deepEqual(
    Object.keys(SECRET_RULES).filter((n) => !used.has(n)),
    [],
  );
});

const FIXTURES = new URL('../../../shared/fixtures/sessions/base_configs/', import.meta.url);
const fixtures = requirement('../shared/fixtures', pathMissing(FIXTURES, 'the recorded base configs'));
test('whole running configs of every platform: no hash or cleartext secret survives, nothing else changes', { skip: fixtures.skip }, () => {
  fixtures.check();
  for (const name of readdirSync(FIXTURES)) {
    const text = readFileSync(new URL(name, FIXTURES), 'utf8');
    const out = redact(text);
    assert.doesNotMatch(out, /\$[15689]\$|b0x3N-b0x3N|1511070D060A7A767B|0x[0-9a-f]{32}/, name);
    const changed = text.split('\n').filter((l, i) => l !== out.split('\n')[i]);
    assert.ok(
      changed.every((l) => /secret|password|snmp-server user/.test(l)),
      `${name}: masked a line with no secret: ${changed.join(' | ')}`,
    );
  }
});

/** Every line of the recorded sessions, base configs and device outputs: a corpus of real text. */
function fixtureLines(): string[] {
  const root = new URL('../../../shared/fixtures/', import.meta.url);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(root.pathname, rel))
    .filter((f) => statSync(f).isFile() && /\.(raw|txt|yaml|yml|cfg|conf)$|base_configs/.test(f))
    .flatMap((f) => readFileSync(f, 'utf8').split('\n'));
}

test('every rule needs SECRET_TRIGGER: no line that any rule masks lacks it (the table and every fixture line)', () => {
  const lines = [...LINES.map(([, l]) => l), ...fixtureLines()];
  let masked = 0;
  for (const line of lines) {
    for (const [name, re] of Object.entries(SECRET_RULES)) {
      if (!new RegExp(re.source, re.flags).test(line)) continue;
      masked++;
      assert.match(line, SECRET_TRIGGER, `rule '${name}' masks a line the trigger would skip: ${JSON.stringify(line)}`);
    }
  }
  // The fixtures' configs alone hold well over a hundred secret lines; without them, the table.
  const expected = existsSync(new URL('../../../shared/fixtures/', import.meta.url)) ? LINES.length + 100 : LINES.length;
  assert.ok(masked >= expected, `only ${masked} rule matches: the corpus did not exercise the rules`);
});

test('a configured secret is masked in text that holds no trigger word (literals come before the trigger test)', () => {
  const text = 'Cisco IOS Software, Version 15.2(4)M3\nuptime is 1 week, 2 days\n';
  assert.doesNotMatch(text, SECRET_TRIGGER);
  assert.equal(createRedactor(['Version 15'])(text), text.replace('Version 15', MASK));
});
