/** Cisco NX-OS, from ../shared/fixtures/sessions/cisco_nxos.yaml. */
import type { PlatformDescription } from '../platform-types.js';
import { CISCO_STYLE, PIPELINED_SETUP, CONFIG_TERMINAL } from './cisco-style.js';

export const ciscoNxos: PlatformDescription = {
  id: 'cisco_nxos',
  label: 'Cisco NX-OS',
  // NX-OS prints its pager mark without the spaces IOS puts around it: the pattern allows both.
  ...CISCO_STYLE,
  ...PIPELINED_SETUP,
  onOpen: ['terminal length 0', 'terminal width 511'],
  // NX-OS logs in at privileged level (cisco_nxos.yaml: initial_privilege_level privilege_exec): no enable.
  errorPatterns: [
    /^% Invalid command at '\^' marker\./m,
    /^% Incomplete command.*$/m,
    /^% Ambiguous command.*$/m,
    /^% Invalid (?:parameter|number|ip address|range|checkpoint name).*$/m,
    /^% Permission denied.*$/m,
  ],
  config: {
    ...CONFIG_TERMINAL,
    save: ['copy running-config startup-config'],
    checkpoint: (name) => [`checkpoint ${name}`],
    restore: ({ checkpoint }) => [`rollback running-config checkpoint ${checkpoint}`],
  },
};
