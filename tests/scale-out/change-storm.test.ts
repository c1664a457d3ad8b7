/**
 * Two fronts, three workers, real PostgreSQL and a real SSH lab: five overlapping change
 * requests on devices that share redundancy groups, each approved from both fronts at once
 * (and from one-shot fronts too). Judged by what the devices saw (the lab's config-mode
 * record) and by the audit trail in PostgreSQL, never by the bot's own summaries: no device
 * and no group in config mode twice at once, every change ran exactly once per device, each
 * request approved once, and the one audit chain verifies.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { PLATFORM_IDS } from '../../src/core/types.js';
import { overlaps } from '../../src/lab/config-mode-log.js';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { scaleOutRig } from '../support/scale-out-rig.js';
import { labSpecs } from '../support/test-lab.js';
import { changeRequests, linesSent, ntpLine } from '../support/scale-out-scenario.js';

const db = await testDatabase('change_storm');
after(() => db?.drop());

// 12 devices, east/west x core/edge/access, every platform; core and edge pairs share a group per site.
const specs = labSpecs(12, (i) => ({ platform: PLATFORM_IDS[i % 5], latencyMs: 20 }));

const REQUESTS = [
  { selector: 'site=east', server: '192.0.2.11', targets: specs.filter((s) => s.site === 'east') },
  { selector: 'role=core', server: '192.0.2.12', targets: specs.filter((s) => s.role === 'core') },
  { selector: 'site=west', server: '192.0.2.13', targets: specs.filter((s) => s.site === 'west') },
  { selector: 'role=edge', server: '192.0.2.14', targets: specs.filter((s) => s.role === 'edge') },
  { selector: 'device=*', server: '192.0.2.15', targets: specs },
];

test('a storm of overlapping changes approved from two fronts at once: one device, one group member at a time, each change once', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, specs);
  try {
    await Promise.all(['w1', 'w2', 'w3'].map((w) => rig.worker(w)));
    const [a, b] = await Promise.all([rig.front('front-a'), rig.front('front-b')]);
    const ids = await changeRequests(
      a,
      REQUESTS.map((r) => `config ${r.selector} template=ntp server=${r.server}${r.selector === 'device=*' ? ' --confirm' : ''}`),
    );
    assert.equal(new Set(ids).size, REQUESTS.length, 'one change request each');

    // Both fronts approve every request, in opposite orders, while one-shot fronts click too.
    a.send('as bob');
    b.send('as carol');
    for (const id of ids) a.send(`approve ${id}`);
    for (const id of [...ids].reverse()) b.send(`approve ${id}`);
    const clicks = [ids[2]!, ids[0]!].map((id, i) => rig.oneShot(`click-${i}`, `approve ${id}`, { user: 'bob' }));
    a.send('quit');
    b.send('quit');
    const codes = await Promise.all([a.exited, b.exited, ...clicks.map((c) => c.exited)]);
    assert.deepEqual(codes.slice(0, 2), [0, 0], `${a.output()}\n${b.output()}`);

    const seen = rig.lab.configModeLog();
    assert.deepEqual(overlaps(seen), [], 'no device twice, no two members of a group at once');
    // Not vacuous: stays of two different requests were in config mode at the same time.
    const requestOf = (x: (typeof seen.stays)[number]) =>
      REQUESTS.findIndex((r) => seen.actions.some((a) => a.session === x.session && a.at >= x.enteredAt && a.line.endsWith(r.server)));
    const concurrent = seen.stays.some((x) =>
      seen.stays.some((y) => requestOf(x) !== requestOf(y) && x.enteredAt < (y.leftAt ?? Infinity) && y.enteredAt < (x.leftAt ?? Infinity)),
    );
    assert.ok(concurrent, 'two changes ran at once');
    for (const r of REQUESTS) {
      for (const d of r.targets) {
        const sent = linesSent(seen, d.name, ntpLine(d.platform, r.server));
        assert.equal(sent, 1, `${r.selector} ran on ${d.name} exactly once (sent ${sent} times)`);
      }
    }
    for (const d of specs) {
      const want = REQUESTS.filter((r) => r.targets.includes(d)).length;
      assert.equal(
        seen.actions.filter((x) => x.device === d.name && /ntp server 192\.0\.2\.1\d/.test(x.line) && x.kind === 'config-line').length,
        want,
        `${d.name}: no other change line was sent`,
      );
    }

    const audit = await rig.audit();
    for (const [i, id] of ids.entries()) {
      const job = id.replace(/^CR-/, 'J-');
      const approvals = audit.filter((r) => r.action === 'change.approved' && r.job_id === job);
      assert.equal(approvals.length, 1, `${id} approved exactly once`);
      const results = audit.filter((r) => r.action === 'device.result' && r.job_id === job);
      assert.deepEqual(
        results.flatMap((r) => r.targets).sort(),
        REQUESTS[i]!.targets.map((t) => t.name).sort(),
        `${id}: one device result per device: ${JSON.stringify(results.map((r) => [r.seq, r.targets[0], r.outcome, r.detail?.['worker'], r.detail?.['error']]))}`,
      );
      assert.ok(
        results.every((r) => r.outcome === 'ok'),
        `${id}: every device ok: ${results.map((r) => `${r.targets} ${r.outcome}`).join(', ')}`,
      );
    }
    const verify = await rig.script('audit-verify.ts');
    assert.equal(verify.code, 0, verify.output());
    assert.match(verify.output(), /intact/);
  } finally {
    await rig.close();
  }
});
