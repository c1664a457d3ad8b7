import { DAYS, type ChangeWindow, type Day, type Freeze } from './policy-schema.js';

/** The weekday and minute of the day of an instant in a time zone. */
function localTime(now: number, timeZone: string): { day: Day; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(now))
    .reduce<Record<string, string>>((acc, p) => Object.assign(acc, { [p.type]: p.value }), {});
  const day = (parts['weekday'] ?? 'Sun').toLowerCase().slice(0, 3) as Day;
  return { day, minute: Number(parts['hour']) * 60 + Number(parts['minute']) };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether a window is open. A window whose end is before its start runs past midnight
 * (`22:00`-`04:00` on `mon` is open Monday 22:00 to Tuesday 04:00).
 */
export function windowOpen(w: ChangeWindow, now: number): boolean {
  const { day, minute } = localTime(now, w.timezone);
  const from = minutes(w.from);
  const to = minutes(w.to);
  if (from <= to) return w.days.includes(day) && minute >= from && minute < to;
  const yesterday = DAYS[(DAYS.indexOf(day) + 6) % 7]!;
  return (w.days.includes(day) && minute >= from) || (w.days.includes(yesterday) && minute < to);
}

export function activeFreeze(freezes: readonly Freeze[], now: number): Freeze | undefined {
  return freezes.find((f) => now >= Date.parse(f.from) && now < Date.parse(f.to));
}

export function describeWindow(w: ChangeWindow): string {
  return `${w.name ? `${w.name}: ` : ''}${w.days.join(',')} ${w.from}-${w.to} ${w.timezone}`;
}
