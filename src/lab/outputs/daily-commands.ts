/** The lab commands that serve the everyday outputs: each platform's own words for them. */
import type { DailyOutputName, LabCommand, LabMode } from '../lab-platforms.js';

/**
 * One command per output the platform has; words ending in `<rest>` pass what follows (the
 * prefix of `show ip route`, the target of `ping`) to the output.
 */
export function dailyCommands(modes: LabMode[], words: Partial<Record<DailyOutputName, string>>): LabCommand[] {
  return (Object.entries(words) as [DailyOutputName, string][]).map(([name, text]) => {
    const w = text.split(' ');
    const rest = w.indexOf('<rest>');
    return { words: w, modes, action: { kind: 'output', name, ...(rest >= 0 ? { arg: rest } : {}) } };
  });
}
