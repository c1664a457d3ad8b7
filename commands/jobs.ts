import { defineCommand } from '../src/core/command.js';
import { formatDuration } from '../src/render/job-view.js';
import { displayId } from '../src/core/change-desk.js';

export default defineCommand({
  name: 'jobs',
  kind: 'info',
  acceptsTargets: false,
  summary: 'Running jobs and the most recent finished ones',
  usage: ['jobs'],
  execute({ jobs, pendingChanges, actor }) {
    // In Slack, a channel sees the requests proposed in it, not those of other (private) channels.
    const visible = pendingChanges().filter((c) => actor.via !== 'slack' || !c.messageRef || c.messageRef.channel === actor.channel);
    const waiting = visible.map((c) => ({
      id: displayId(c.id),
      state: 'pending-approval',
      command: c.commandLine,
      by: c.actor.name,
      progress: `0/${c.plan.length}`,
      duration: `expires ${new Date(c.expiresAt).toISOString().slice(11, 16)}Z`,
    }));
    const list = jobs();
    return {
      title:
        list.length + waiting.length
          ? `${list.length} recent job${list.length === 1 ? '' : 's'}, ${waiting.length} waiting for approval`
          : 'No jobs yet',
      blocks: [
        {
          type: 'table',
          columns: [
            { key: 'id', label: 'Job' },
            { key: 'state', label: 'State' },
            { key: 'command', label: 'Command' },
            { key: 'by', label: 'By' },
            { key: 'progress', label: 'Done' },
            { key: 'duration', label: 'Took' },
          ],
          rows: [
            ...waiting,
            ...list.map((j) => ({
              id: j.id,
              state: j.state,
              command: j.commandLine,
              by: j.actor.name,
              progress: `${j.results.length}/${j.targets.length}`,
              duration: j.finishedAt ? formatDuration(j.finishedAt - j.startedAt) : 'running',
            })),
          ],
        },
      ],
    };
  },
});
