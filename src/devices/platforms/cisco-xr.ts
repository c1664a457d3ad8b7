/** Cisco IOS-XR, from ../shared/fixtures/sessions/cisco_iosxr.yaml. */
import type { PlatformDescription } from '../platform-types.js';
import { MODE, PIPELINED_SETUP, escapeRegex } from './cisco-style.js';

/** `RP/0/RSP0/CPU0:name#`, `RP/0/RP0/CPU0:name(config-if)#`: the node path, then the name. */
const XR_PROMPT = new RegExp(String.raw`(?:^|\n)(?:RP|LC)/\d+/\w+/CPU\d+:(?<host>[\w.\-]{1,63})${MODE}#\s*$`);

export const ciscoXr: PlatformDescription = {
  id: 'cisco_xr',
  label: 'Cisco IOS-XR',
  promptPattern: XR_PROMPT,
  privilegedPrompt: (host) => new RegExp(String.raw`(?:^|\n)(?:RP|LC)/\d+/\w+/CPU\d+:${escapeRegex(host)}#\s*$`),
  onOpen: ['terminal length 0', 'terminal width 512'],
  // Logs in privileged (cisco_iosxr.yaml has no exec level): no enable; the set-up typed ahead.
  ...PIPELINED_SETUP,
  pagerPattern: /\s*--More--\s*$/,
  pagerContinue: ' ',
  errorPatterns: [
    /^% Invalid input detected at '\^' marker\./m,
    /^% Incomplete command\./m,
    /^% Ambiguous command:.*$/m,
    /^% Failed to commit.*$/m,
    /^% This command is not authorized.*$/m,
  ],
  config: {
    applies: 'candidate',
    enter: () => ['configure terminal'],
    diff: 'show commit changes diff',
    commit: () => ['commit'],
    leave: ['end'],
    abort: ['abort'],
    // An XR commit is already persistent.
    save: [],
    restore: ({ commits }) => [`rollback configuration last ${commits}`],
  },
};
