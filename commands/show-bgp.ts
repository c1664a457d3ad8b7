import { defineCommand } from '../src/core/command.js';
import { BGP } from '../src/devices/parsers/daily-parsers.js';
import { cliFrom } from '../src/devices/platforms/daily-cli.js';

/** One row per BGP neighbour; the summary counts the sessions that are not Established and lists them first. */
export default defineCommand({
  name: 'show-bgp',
  kind: 'read',
  summary: 'BGP neighbours of each target: address, remote AS, state, prefixes received, up/down time',
  usage: ['show-bgp role=core', 'show-bgp site=west role=edge'],
  cli: cliFrom((d) => d.bgp),
  parse: BGP,
  columns: [
    { key: 'neighbor', label: 'Neighbor' },
    { key: 'as', label: 'Remote AS' },
    { key: 'state', label: 'State', attention: { healthy: 'Established', noun: 'session' } },
    { key: 'prefixes', label: 'Prefixes' },
    { key: 'uptime', label: 'Up/Down' },
  ],
});
