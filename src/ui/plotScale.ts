/**
 * Pure helpers for LinePlot: tick values for a logarithmic axis and the y range that keeps every series and
 * reference line in view. No DOM, so Vitest checks them with hand-worked numbers.
 */

const MANTISSAS = [
  [1, 2, 5],
  [1, 1.5, 2, 3, 4, 5, 6, 8],
  [1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9],
];

/**
 * Round values between lo and hi (both > 0) for a log axis: the coarsest of 1-2-5, 1-1.5-2-3-4-5-6-8 and a fine
 * set that gives at least four ticks. A loss from 1.2 to 4.6 gets 1.5, 2, 3, 4 (1-2-5 gives only 2).
 * Example: logTicks(1.2, 4.6) → [1.5, 2, 3, 4]; logTicks(0.05, 20) → [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20].
 */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi > lo)) return lo > 0 ? [lo] : [];
  let out: number[] = [];
  for (const set of MANTISSAS) {
    out = [];
    for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++)
      for (const m of set) {
        const v = Number((m * 10 ** k).toPrecision(6)); // 0.1·3 is 0.30000000000000004 otherwise
        if (v >= lo && v <= hi) out.push(v);
      }
    if (out.length >= 4) break;
  }
  return out;
}

/**
 * The y range for these values and reference lines, with 5% of the span as margin (0.5 when flat). On a log
 * axis the margin is taken in log space, so the range stays positive.
 * Example: yRange([2, 4], false) → { min: 1.9, max: 4.1 }; yRange([1, 100], true) → min 10^-0.1 ≈ 0.794, max 10^2.1 ≈ 125.9.
 */
export function yRange(values: readonly number[], log: boolean): { min: number; max: number } | null {
  const vs = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (!vs.length) return null;
  const f = log ? Math.log10 : (v: number) => v;
  const lo = Math.min(...vs.map(f)), hi = Math.max(...vs.map(f));
  const pad = (hi - lo) * 0.05 || (log ? 0.05 : 0.5);
  return log ? { min: 10 ** (lo - pad), max: 10 ** (hi + pad) } : { min: lo - pad, max: hi + pad };
}
