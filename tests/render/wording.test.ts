/** The wording fixes, on the neutral views both renderers draw. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Inventory } from '../../src/inventory/inventory.js';
import { toChangeView } from '../../src/render/change-view.js';
import { toJobView } from '../../src/render/job-view.js';
import { drawChangeRequest, drawSummary } from '../../src/render/terminal.js';
import { renderChangeRequest } from '../../src/slack/change-blocks.js';
import { renderSummary } from '../../src/slack/block-kit.js';
import type { PendingChangeRecord } from '../../src/core/ports.js';
import type { Device, JobSummary } from '../../src/core/types.js';

const device = (name: string, group?: string): Device => ({
  name,
  host: '127.0.0.1',
  port: 22,
  platform: 'cisco_ios',
  site: 'east',
  role: 'core',
  tags: [],
  group,
  credentials: 'default',
});
const inventory = new Inventory([device('east-core-1', 'east-core'), device('east-core-2', 'east-core')]);
const alice = { id: 'U1', name: 'alice', via: 'slack' };
const change: PendingChangeRecord = {
  id: 'J-10',
  command: 'config',
  commandLine: '/net config site=east template=ntp server=192.0.2.10',
  description: 'ntp on 2 devices',
  actor: alice,
  args: {},
  plan: [
    { device: 'east-core-1', platform: 'cisco_ios', lines: ['ntp server 192.0.2.10'] },
    { device: 'east-core-2', platform: 'cisco_ios', lines: ['ntp server 192.0.2.10'] },
  ],
  createdAt: 0,
  expiresAt: 3_600_000,
};

test('one redundancy group is "1 group"', () => {
  assert.match(toChangeView(change, inventory).rollout, /\(1 group\)/);
});

test('the requester rejecting their own request withdraws it; someone else rejects it', () => {
  const withdrawn = toChangeView(change, inventory, 'rejected', { id: 'U1', name: 'alice', via: 'slack' });
  assert.equal(withdrawn.state, 'withdrawn');
  assert.match(drawChangeRequest(withdrawn), /^CR-10 withdrawn by alice/);
  assert.match(renderChangeRequest(withdrawn).text, /CR-10 withdrawn by alice/);
  // Same display name, another user: that is a rejection.
  const rejected = toChangeView(change, inventory, 'rejected', { id: 'U2', name: 'alice', via: 'slack' });
  assert.equal(rejected.state, 'rejected');
});

test('the summary of an approved change names who approved it', () => {
  const job = {
    id: 'J-10',
    command: 'config',
    commandLine: change.commandLine,
    actor: alice,
    state: 'succeeded',
    targets: ['east-core-1'],
    startedAt: 0,
    finishedAt: 1200,
    results: [{ device: 'east-core-1', status: 'ok', durationMs: 1000 }],
  } as unknown as JobSummary;
  const view = toJobView(job, [], 1200, false, 'approved by bob');
  assert.match(drawSummary(view), /\(by alice, approved by bob\): succeeded/);
  assert.match(JSON.stringify(renderSummary(view).blocks), /by <@U1> · approved by bob/);
});
