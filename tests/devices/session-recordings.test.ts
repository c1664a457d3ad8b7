/**
 * Table-driven prompt, pager and error detection against the recorded sessions in
 * ../shared/fixtures/sessions/<platform>.yaml: every answer the real devices gave must
 * end in a prompt (or a pager mark) the platform description finds, and every error line
 * they printed must be one the description turns into a typed error, and no other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { PlatformId } from '../../src/core/types.js';
import { PLATFORMS } from '../../src/devices/platforms/index.js';
import { stripEchoAndPrompt } from '../../src/devices/cli-session.js';

const SESSIONS = new URL('../../../shared/fixtures/sessions/', import.meta.url);
/** scrapli's platform names for ours. */
const RECORDINGS: [PlatformId, string][] = [
  ['cisco_ios', 'cisco_iosxe'],
  ['cisco_nxos', 'cisco_nxos'],
  ['cisco_xr', 'cisco_iosxr'],
  ['arista_eos', 'arista_eos'],
  ['juniper_junos', 'juniper_junos'],
];
/** Every kind of refusal the recordings hold; an answer with none of these is a good answer. */
const REFUSAL = /% Invalid|% Incomplete|% Ambiguous|% Bad IP|% Configuration not allowed|syntax error|unknown command\./;

interface Step {
  channel_output?: string;
  returns_prompt?: boolean;
}
interface Event extends Step {
  type: string;
  event_steps?: Step[];
  result_privilege_level?: string;
}
interface Recording {
  events: Record<string, Record<string, Record<string, Event>>>;
  unknown_events: Record<string, Record<string, Step>>;
}

interface Case {
  id: string;
  output: string;
  returnsPrompt: boolean;
}

function casesOf(file: string): Case[] {
  const rec = parse(readFileSync(new URL(`${file}.yaml`, SESSIONS), 'utf8')) as Recording;
  const out: Case[] = [];
  // The Junos `start shell` level is a Unix shell, not the CLI this bot drives.
  const levels = Object.entries(rec.events).filter(([level]) => level !== 'shell');
  for (const [level, phases] of levels) {
    for (const [phase, events] of Object.entries(phases)) {
      for (const [input, e] of Object.entries(events)) {
        if (e.result_privilege_level === 'shell') continue;
        const last = e.type === 'interactive' ? e.event_steps?.at(-1) : e;
        if (!last?.channel_output || last.channel_output === '__CLOSES_CONNECTION__') continue;
        out.push({ id: `${level}/${phase}: ${input}`, output: last.channel_output, returnsPrompt: last.returns_prompt !== false });
      }
    }
  }
  for (const [level, phases] of Object.entries(rec.unknown_events).filter(([level]) => level !== 'shell')) {
    for (const [phase, e] of Object.entries(phases)) {
      out.push({ id: `${level}/${phase}: unknown input`, output: e.channel_output ?? '', returnsPrompt: true });
    }
  }
  return out;
}

for (const [platform, file] of RECORDINGS) {
  const p = PLATFORMS[platform];
  const cases = casesOf(file);
  test(`${platform}: the recording has answers to check (${cases.length})`, () => assert.ok(cases.length > 20));
  for (const c of cases) {
    test(`${platform} ${c.id}`, () => {
      const tail = c.output.slice(-1024);
      if (!c.returnsPrompt) {
        assert.match(tail, p.pagerPattern, 'an answer without a prompt ends at the pager');
        return;
      }
      const m = p.promptPattern.exec(tail);
      assert.ok(m?.groups?.host, `prompt found at the end of ${JSON.stringify(tail.slice(-60))}`);
      const body = stripEchoAndPrompt(c.output, '\u0000', p.promptPattern);
      const refusal = REFUSAL.exec(body);
      const caught = p.errorPatterns.map((re) => re.exec(body)).find(Boolean);
      if (refusal) assert.ok(caught && caught[0].length > 3, `error line caught in ${JSON.stringify(body)}`);
      else assert.equal(caught, undefined, `no error in a good answer: ${JSON.stringify(caught?.[0])}`);
    });
  }
}
