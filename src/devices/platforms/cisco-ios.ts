/** Cisco IOS and IOS-XE, from ../shared/fixtures/sessions/cisco_iosxe.yaml. */
import type { PlatformDescription } from '../platform-types.js';
import { CISCO_STYLE, PIPELINED_SETUP, CONFIG_TERMINAL, DESTINATION, ENABLE } from './cisco-style.js';

export const ciscoIos: PlatformDescription = {
  id: 'cisco_ios',
  label: 'Cisco IOS / IOS-XE',
  ...CISCO_STYLE,
  ...PIPELINED_SETUP,
  onOpen: ['terminal length 0', 'terminal width 512'],
  enable: ENABLE,
  errorPatterns: [
    /^% Invalid input detected at '\^' marker\./m,
    /^% Incomplete command\./m,
    /^% Ambiguous command:.*$/m,
    /^% Unknown command.*$/m,
    /^% Bad IP address or host name.*$/m,
    /^% Bad secrets$/m,
    /^% Configuration not allowed.*$/m,
    // File operations (checkpoint copy, configure replace): `%Error opening flash:x (No such file
    // or directory)`. Unmatched, a restore that did nothing read as a restore that worked.
    /^%Error .*$/m,
  ],
  config: {
    ...CONFIG_TERMINAL,
    save: ['write memory'],
    checkpoint: (name) => [{ command: `copy running-config flash:${name}`, asks: DESTINATION, answer: '' }],
    restore: ({ checkpoint }) => [`configure replace flash:${checkpoint} force`],
  },
};
