/**
 * Output modifiers on every simulated platform, driving the lab's CLI as a tool does (the
 * recordings' set-up: enable where needed, paging off): the Cisco-style filters (include,
 * exclude, begin, section, count where the platform has them, chaining where it allows it),
 * Junos match/except/count/no-more/display set, and an unknown modifier refused in the
 * platform's own words with the caret under it. Expected outputs are worked out here from the
 * command's plain output, independently of how the lab filters.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlatformId } from '../../src/core/types.js';
import { LAB_PLATFORMS } from '../../src/lab/lab-platforms.js';
import { readyCli, shown } from './emulator-rig.js';

const CISCO_STYLE: PlatformId[] = ['cisco_ios', 'cisco_nxos', 'cisco_xr', 'arista_eos'];
const lines = (text: string) => (text === '' ? [] : text.split('\n'));

/** Each platform's count: how it words the number of lines, and what it is typed as. */
const COUNT: Record<PlatformId, { typed: string; say: (n: number) => string } | undefined> = {
  cisco_ios: { typed: 'count ntp', say: (n) => `Number of lines which match regexp = ${n}` },
  cisco_nxos: { typed: 'include ntp | count', say: (n) => String(n) },
  arista_eos: { typed: 'include ntp | wc -l', say: (n) => String(n) },
  cisco_xr: undefined,
  juniper_junos: { typed: 'match ntp | count', say: (n) => `Count: ${n} lines` },
};
/** Platforms with `| section`. */
const SECTION: ReadonlySet<PlatformId> = new Set(['cisco_ios', 'cisco_nxos', 'arista_eos']);
/** The refusal of an unknown modifier, as each platform words an unknown word after the first. */
const REFUSAL: Record<PlatformId, RegExp> = {
  cisco_ios: /^\s*\^\n% Invalid input detected at '\^' marker\.$/,
  cisco_nxos: /^\s*\^\n% Invalid command at '\^' marker\.$/,
  cisco_xr: /^\s*\^\n% Invalid input detected at '\^' marker\.$/,
  arista_eos: /^% Invalid input$/,
  juniper_junos: /^\s*\^\nsyntax error, expecting <command>\.$/,
};
const CONFIG: Record<PlatformId, string> = {
  cisco_ios: 'show running-config',
  cisco_nxos: 'show running-config',
  cisco_xr: 'show running-config',
  arista_eos: 'show running-config',
  juniper_junos: 'show configuration | display set',
};

/** `| section <re>`: a top-level line that matches and every indented line under it. */
function sectionOf(config: string[], re: RegExp): string[] {
  let inside = false;
  return config.filter((l) => {
    if (!/^\s/.test(l)) inside = re.test(l);
    return inside;
  });
}

for (const platform of CISCO_STYLE) {
  const show = CONFIG[platform];
  test(`${platform}: include, exclude and begin keep the lines the regular expression picks`, () => {
    const cli = readyCli(platform);
    const plain = lines(shown(cli, platform, show));
    assert.ok(plain.some((l) => /ntp/.test(l)) && plain.some((l) => !/ntp/.test(l)), 'the configuration has ntp and other lines');
    assert.deepEqual(
      lines(shown(cli, platform, `${show} | include ntp`)),
      plain.filter((l) => /ntp/.test(l)),
    );
    assert.deepEqual(
      lines(shown(cli, platform, `${show} | exclude ntp`)),
      plain.filter((l) => !/ntp/.test(l)),
    );
    assert.deepEqual(lines(shown(cli, platform, `${show} | begin ^interface`)), plain.slice(plain.findIndex((l) => /^interface/.test(l))));
    // Abbreviated as engineers type them.
    assert.deepEqual(
      lines(shown(cli, platform, `${show} | inc ntp`)),
      plain.filter((l) => /ntp/.test(l)),
    );
    assert.equal(shown(cli, platform, `${show} | include no-such-line`), '', 'no line kept: nothing printed');
    const version = lines(shown(cli, platform, 'show version'));
    assert.deepEqual(
      lines(shown(cli, platform, 'show version | include [Vv]ersion')),
      version.filter((l) => /[Vv]ersion/.test(l)),
    );
  });

  if (SECTION.has(platform)) {
    test(`${platform}: section keeps each matching block with the lines indented under it`, () => {
      const cli = readyCli(platform);
      const plain = lines(shown(cli, platform, show));
      const want = sectionOf(plain, /^interface/);
      assert.ok(
        want.some((l) => /^\s/.test(l)),
        'the interfaces have indented lines',
      );
      assert.deepEqual(lines(shown(cli, platform, `${show} | section ^interface`)), want);
    });
  }
}

for (const platform of Object.keys(COUNT) as PlatformId[]) {
  const count = COUNT[platform];
  if (!count) continue;
  test(`${platform}: count says how many lines match, in the platform's words`, () => {
    const cli = readyCli(platform);
    const plain = lines(shown(cli, platform, CONFIG[platform]));
    const n = plain.filter((l) => /ntp/.test(l)).length;
    assert.ok(n > 0);
    assert.equal(shown(cli, platform, `${CONFIG[platform]} | ${count.typed}`), count.say(n));
  });
}

test('cisco_ios: one modifier per line, the rest of the line is its regular expression', () => {
  const cli = readyCli('cisco_ios');
  // `ntp | count` is the expression (IOS reads `|` as alternation): lines with "ntp " or " count".
  const plain = lines(shown(cli, 'cisco_ios', 'show running-config'));
  assert.deepEqual(
    lines(shown(cli, 'cisco_ios', 'show running-config | include ntp | count')),
    plain.filter((l) => /ntp | count/.test(l)),
  );
});

test('IOS reads `_` as a delimiter, NX-OS and EOS as an underscore', () => {
  for (const platform of ['cisco_ios', 'cisco_nxos', 'arista_eos'] as const) {
    const cli = readyCli(platform);
    const plain = lines(shown(cli, platform, 'show running-config'));
    const want = platform === 'cisco_ios' ? plain.filter((l) => /(^|[\s,{}()])ntp server/.test(l)) : [];
    assert.ok(platform !== 'cisco_ios' || want.length > 0);
    assert.deepEqual(lines(shown(cli, platform, 'show running-config | include _ntp_server')), want, platform);
  }
});

test('cisco_xr: utility head keeps the first lines, after the stamp', () => {
  const cli = readyCli('cisco_xr');
  const plain = lines(shown(cli, 'cisco_xr', 'show version'));
  // (shown() drops trailing blank lines, so the expected three lines are read the same way.)
  assert.deepEqual(lines(shown(cli, 'cisco_xr', 'show version | utility head -n 3')), lines(plain.slice(0, 3).join('\n').trimEnd()));
  assert.match(cli.type('show version | utility head -n 3'), /^\w{3} \w{3} +\d+ [\d:.]+ \w+/, 'the stamp still comes first');
  cli.type('terminal exec prompt no-timestamp');
  assert.doesNotMatch(cli.type('show version | utility head -n 3'), /^\w{3} \w{3} +\d+ [\d:.]+ \w+/, 'no stamp once turned off');
});

test('juniper_junos: match and except ignore case, find starts at the first match', () => {
  const cli = readyCli('juniper_junos');
  const plain = lines(shown(cli, 'juniper_junos', 'show version'));
  const junos = plain.filter((l) => /junos/i.test(l));
  assert.ok(junos.some((l) => l.includes('JUNOS')) && junos.some((l) => l.includes('Junos')), 'both spellings are in the output');
  assert.deepEqual(lines(shown(cli, 'juniper_junos', 'show version | match junos')), junos);
  assert.deepEqual(
    lines(shown(cli, 'juniper_junos', 'show version | except junos')),
    plain.filter((l) => !/junos/i.test(l)),
  );
  assert.deepEqual(lines(shown(cli, 'juniper_junos', 'show version | find Model')), plain.slice(plain.findIndex((l) => /model/i.test(l))));
  assert.deepEqual(
    lines(shown(cli, 'juniper_junos', 'show version | match "model|hostname"')),
    plain.filter((l) => /model|hostname/i.test(l)),
  );
});

test('juniper_junos: display set shows the configuration as set statements; chained with match', () => {
  const cli = readyCli('juniper_junos');
  const set = lines(shown(cli, 'juniper_junos', 'show configuration | display set'));
  assert.ok(set.length > 5 && set.every((l) => l.startsWith('set ')), set.join('\n'));
  assert.ok(set.includes(`set system host-name ${cli.device.hostname}`));
  assert.deepEqual(
    lines(shown(cli, 'juniper_junos', 'show configuration | display set | match ntp')),
    set.filter((l) => /ntp/i.test(l)),
  );
});

test('juniper_junos: no-more prints the whole output even with paging on', () => {
  const cli = readyCli('juniper_junos', { paging: true });
  const mark = LAB_PLATFORMS.juniper_junos.pagerMark;
  assert.ok(cli.type('show version').includes(mark), 'paged without it');
  cli.type('q');
  const out = cli.type('show version | no-more');
  assert.ok(!out.includes(mark), 'no pager mark');
  assert.ok(out.endsWith(cli.prompt('user')), 'back at the prompt');
});

for (const platform of Object.keys(REFUSAL) as PlatformId[]) {
  test(`${platform}: an unknown modifier is refused as the platform refuses it, caret under it`, () => {
    const cli = readyCli(platform);
    const line = 'show version | frobnicate';
    const out = shown(cli, platform, line);
    assert.match(out, REFUSAL[platform]);
    const caret = out.split('\n').find((l) => l.trim() === '^');
    if (caret) {
      const promptLine = cli.prompt(LAB_PLATFORMS[platform].topMode).split('\n').at(-1)!;
      assert.equal(caret.indexOf('^'), promptLine.length + line.indexOf('frobnicate'), 'caret under the modifier');
    }
    // A modifier after a command that prints nothing to filter is refused too.
    assert.match(
      shown(cli, platform, `${platform === 'juniper_junos' ? 'set cli screen-length 0' : 'terminal length 0'} | include x`),
      REFUSAL[platform],
    );
  });
}
