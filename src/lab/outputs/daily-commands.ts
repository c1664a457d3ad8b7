/** The lab commands that serve the everyday outputs: each platform's own words for them. */
import type { LabCommand, LabMode, OutputName } from '../lab-platforms.js';

/**
 * One command per output the platform has; words ending in `<rest>` pass what follows (the
 * prefix of `show ip route`, the target of `ping`) to the output.
 */
export function dailyCommands(modes: LabMode[], words: Partial<Record<OutputName, string | string[]>>): LabCommand[] {
  const forms = Object.entries(words).flatMap(([name, t]) =>
    (Array.isArray(t) ? t : [t]).map((text) => [name, text] as [OutputName, string]),
  );
  return forms.map(([name, text]) => {
    const w = text.split(' ');
    const rest = w.indexOf('<rest>');
    return { words: w, modes, action: { kind: 'output', name, ...(rest >= 0 ? { arg: rest } : {}) } };
  });
}
