import { defineCommand } from '../src/core/command.js';
import { formatDuration } from '../src/render/job-view.js';

export default defineCommand({
  name: 'jobs',
  kind: 'info',
  acceptsTargets: false,
  summary: 'Running jobs and the most recent finished ones',
  usage: ['jobs'],
  execute({ jobs }) {
    const list = jobs();
    return {
      title: list.length ? `${list.length} recent job${list.length === 1 ? '' : 's'}` : 'No jobs yet',
      blocks: [{
        type: 'table',
        columns: [
          { key: 'id', label: 'Job' }, { key: 'state', label: 'State' }, { key: 'command', label: 'Command' },
          { key: 'by', label: 'By' }, { key: 'progress', label: 'Done' }, { key: 'duration', label: 'Took' },
        ],
        rows: list.map((j) => ({
          id: j.id, state: j.state, command: j.commandLine, by: j.actor.name,
          progress: `${j.results.length}/${j.targets.length}`,
          duration: j.finishedAt ? formatDuration(j.finishedAt - j.startedAt) : 'running',
        })),
      }],
    };
  },
});
