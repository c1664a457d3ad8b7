/**
 * How each simulated platform behaves, as data, taken from the recorded sessions in
 * ../shared/fixtures/sessions/. The CLI emulator reads these fields and never asks
 * which platform it is.
 */
import type { PlatformId } from '../../src/core/types.js';

export type LabMode = 'user' | 'privileged' | 'config';

/** A command the emulator knows: words (with `<n>` for a number and `<word>` for any word) and what it does. */
export interface LabCommand {
  words: string[];
  modes: LabMode[];
  action:
    | { kind: 'output'; name: 'show-version' | 'show-running-config' }
    | { kind: 'enable' }
    | { kind: 'disable' }
    | { kind: 'paging'; arg: number }
    | { kind: 'nothing' }
    | { kind: 'configure' }
    | { kind: 'end' }
    | { kind: 'exit' };
}

export interface LabPlatform {
  prompt: Record<LabMode, (host: string) => string>;
  enablePasswordPrompt: string;
  enableFailure: string;
  pagerMark: string;
  /** What the device sends after the pager is answered, to erase its mark. */
  pagerErase: string;
  configBanner: string;
  /** Lines per page before paging is turned off. */
  defaultPageLength: number;
  errors: {
    invalid: (caretColumn: number) => string;
    incomplete: string;
    ambiguous: (input: string) => string;
    /** A single unknown word (IOS tries to resolve it as a host to telnet to). */
    unknownWord: string;
  };
  commands: LabCommand[];
}

const exec: LabMode[] = ['user', 'privileged'];
const priv: LabMode[] = ['privileged'];

const ciscoIos: LabPlatform = {
  prompt: { user: (h) => `${h}>`, privileged: (h) => `${h}#`, config: (h) => `${h}(config)#` },
  enablePasswordPrompt: 'Password: ',
  enableFailure: '% Bad secrets\r\n',
  pagerMark: ' --More-- ',
  pagerErase: '\b'.repeat(9) + ' '.repeat(9) + '\b'.repeat(9),
  configBanner: 'Enter configuration commands, one per line.  End with CNTL/Z.\r\n',
  defaultPageLength: 24,
  errors: {
    invalid: (col) => `${' '.repeat(col)}^\r\n% Invalid input detected at '^' marker.\r\n\r\n`,
    incomplete: '% Incomplete command.\r\n\r\n',
    ambiguous: (input) => `% Ambiguous command:  "${input}"\r\n`,
    unknownWord: '% Bad IP address or host name% Unknown command or computer name, or unable to find computer address\r\n',
  },
  commands: [
    { words: ['enable'], modes: exec, action: { kind: 'enable' } },
    { words: ['disable'], modes: priv, action: { kind: 'disable' } },
    { words: ['terminal', 'length', '<n>'], modes: exec, action: { kind: 'paging', arg: 2 } },
    { words: ['terminal', 'width', '<n>'], modes: exec, action: { kind: 'nothing' } },
    { words: ['show', 'version'], modes: exec, action: { kind: 'output', name: 'show-version' } },
    { words: ['show', 'running-config'], modes: priv, action: { kind: 'output', name: 'show-running-config' } },
    { words: ['configure', 'terminal'], modes: priv, action: { kind: 'configure' } },
    { words: ['end'], modes: ['config'], action: { kind: 'end' } },
    { words: ['exit'], modes: ['user', 'privileged', 'config'], action: { kind: 'exit' } },
    { words: ['logout'], modes: exec, action: { kind: 'exit' } },
  ],
};

export const LAB_PLATFORMS: Partial<Record<PlatformId, LabPlatform>> = {
  cisco_ios: ciscoIos,
};
