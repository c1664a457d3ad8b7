import type { Clock } from './ports.js';

/** The only place that reads the wall clock; everything else takes a Clock. */
export const systemClock: Clock = { now: () => Date.now() };
