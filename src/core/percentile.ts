/** The nearest-rank percentile (p from 0 to 1) of values sorted ascending; undefined when there are none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : undefined;
}
