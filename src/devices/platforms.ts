import type { PlatformId } from '../core/types.js';
import type { PlatformDescription } from './platform-types.js';

/** Characters a hostname may hold in a prompt. */
const HOST = String.raw`[\w.\-@/:]{1,63}`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ciscoIos: PlatformDescription = {
  id: 'cisco_ios',
  label: 'Cisco IOS / IOS-XE',
  // `router>`, `router#`, `router(config)#`, `router(config-if)#`
  promptPattern: new RegExp(String.raw`(?:^|\n)(?<host>${HOST})(?:\([\w.\-]+\))?[>#]\s*$`),
  privilegedPrompt: (host) => new RegExp(String.raw`(?:^|\n)${escape(host)}#\s*$`),
  onOpen: ['terminal length 0', 'terminal width 512'],
  pagerPattern: /\s*--More--\s*$/,
  pagerContinue: ' ',
  enable: { command: 'enable', passwordPrompt: /(?:^|\n)Password:\s*$/ },
  errorPatterns: [
    /^% Invalid input detected at '\^' marker\./m,
    /^% Incomplete command\./m,
    /^% Ambiguous command:.*$/m,
    /^% Unknown command.*$/m,
    /^% Bad IP address or host name.*$/m,
  ],
};

/**
 * One description per platform. Platforms without a description yet are refused at
 * inventory load, with a clear reason, rather than half-driven.
 */
export const PLATFORMS: Partial<Record<PlatformId, PlatformDescription>> = {
  cisco_ios: ciscoIos,
};

export function platformOf(id: PlatformId): PlatformDescription | undefined {
  return PLATFORMS[id];
}
