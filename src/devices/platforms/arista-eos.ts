import type { PlatformDescription } from '../platform-types.js';
import { CISCO_STYLE, PIPELINED_SETUP, ENABLE } from './cisco-style.js';

/**
 * Arista EOS, from ../shared/fixtures/sessions/arista_eos.yaml: Cisco-style prompts and
 * enable, its own terse error lines, and configuration sessions for changes.
 */
export const aristaEos: PlatformDescription = {
  id: 'arista_eos',
  label: 'Arista EOS',
  ...CISCO_STYLE,
  ...PIPELINED_SETUP,
  onOpen: ['terminal length 0', 'terminal width 32767'],
  enable: ENABLE,
  errorPatterns: [
    /^% Invalid input.*$/m,
    /^% Incomplete command.*$/m,
    /^% Ambiguous command.*$/m,
    /^% Unavailable command.*$/m,
    /^% Cannot commit.*$/m,
  ],
  config: {
    applies: 'candidate',
    enter: (session) => [`configure session ${session}`],
    diff: 'show session-config diffs',
    // EOS leaves the session for privileged mode on commit and on abort.
    commit: () => ['commit'],
    leave: [],
    abort: ['abort'],
    save: ['write memory'],
    checkpoint: (name) => [`copy running-config flash:${name}`],
    restore: ({ checkpoint }) => [`configure replace flash:${checkpoint}`],
  },
};
