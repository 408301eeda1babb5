/** The learning rates the race offers (plain gradient descent on the mean NLL; the names race converges at 50). */
export const LR_STEPS = ["1", "5", "10", "20", "50", "100", "200", "1000"] as const;
export type LrStep = (typeof LR_STEPS)[number];

/** The largest |a_k − b_k|: how far the network's table still is from the counts. Example: ([0.5, 0.5], [0.25, 0.75]) → 0.25 */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`Cannot compare tables of ${a.length} and ${b.length} entries.`);
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}
