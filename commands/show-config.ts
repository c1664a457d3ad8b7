import { defineCommand, onEveryPlatform } from '../src/core/command.js';

/** Counts what the configuration holds; the configuration itself (secrets masked) is in the attached file. */
function summarise(raw: string): Record<string, string> | undefined {
  const lines = raw.split('\n').filter((l) => l.trim() && !/^\s*[!#]/.test(l));
  if (lines.length === 0) return undefined;
  const hostname = /^\s*(?:hostname|host-name)\s+"?([\w.-]+)/m.exec(raw)?.[1] ?? '';
  return { hostname, lines: String(lines.length) };
}

export default defineCommand({
  name: 'show-config',
  kind: 'read',
  summary: 'Running configuration of each target (secrets masked); the full text is attached',
  attachOutput: true,
  usage: ['show-config device=east-core-1', 'show-config site=east role=edge'],
  cli: { ...onEveryPlatform(() => ['show running-config']), juniper_junos: () => ['show configuration'] },
  parse: onEveryPlatform(summarise),
  columns: [
    { key: 'hostname', label: 'Hostname' },
    { key: 'lines', label: 'Lines' },
  ],
});
