import type { PlatformId } from '../core/types.js';

/**
 * Everything that differs between platforms, as data. The session code reads these
 * fields and never asks which platform it is talking to.
 */
export interface PlatformDescription {
  id: PlatformId;
  label: string;
  /** Matches any prompt at the end of the buffer (user, privileged or config mode). Group `host` holds the hostname. */
  promptPattern: RegExp;
  /** Matches the privileged prompt, once the hostname is known. */
  privilegedPrompt: (host: string) => RegExp;
  /** Commands that turn paging off and widen the terminal, sent once after login. */
  onOpen: string[];
  /** Pager marks seen at the end of the buffer when paging could not be turned off. */
  pagerPattern: RegExp;
  /** What to send to the pager to get the next page. */
  pagerContinue: string;
  /** How to reach privileged mode, when the platform has one. */
  enable?: { command: string; passwordPrompt: RegExp };
  /** Lines of output that mean the device refused the command. */
  errorPatterns: RegExp[];
}
