/**
 * Nearest-rank percentile: the smallest value v such that at least p of the values are ≤ v
 * (p in (0, 1]). This is what PostgreSQL's `percentile_disc(p)` computes, which the
 * speed-to-lead query uses; this function is its reference definition. Null for no values.
 */
export function nearestRankPercentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 1)) throw new RangeError('p must be in (0, 1]');
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // A small epsilon keeps 0.9 × 10 = 9 from becoming 9.000000000000002 and rank 10.
  const rank = Math.max(1, Math.ceil(p * sorted.length - 1e-9));
  return sorted[rank - 1]!;
}

/** A share as reported: 4 decimals, null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
