import type { Device } from '../types.js';
import { parseSelectorText, selectorPredicate } from '../../inventory/selector.js';

/** Matches a selector text (absent: every device). Texts were validated when the policy was loaded. */
export function targetsMatch(text: string | undefined): (d: Device) => boolean {
  if (text === undefined || text.trim() === '') return () => true;
  const terms = parseSelectorText(text);
  if (typeof terms === 'string') throw new Error(`policy selector "${text}" was not validated: ${terms}`);
  return selectorPredicate(terms);
}
