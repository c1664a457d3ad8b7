import { defineCommand } from '../src/core/command.js';
import { parseIosShowVersion } from '../src/devices/parsers/cisco-ios.js';

export default defineCommand({
  name: 'show-version',
  kind: 'read',
  summary: 'Software version, model, serial and uptime of each target',
  usage: ['show-version site=east', 'show-version role=core,edge site!=lab', 'show-version device=core*'],
  cli: {
    cisco_ios: () => ['show version'],
  },
  parse: {
    cisco_ios: parseIosShowVersion,
  },
  columns: [
    { key: 'hostname', label: 'Hostname' },
    { key: 'model', label: 'Model' },
    { key: 'version', label: 'Version' },
    { key: 'serial', label: 'Serial' },
    { key: 'uptime', label: 'Uptime' },
  ],
});
