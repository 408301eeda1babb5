/**
 * Small whole-number matrices whose product a learner can check by hand.
 * Example: exampleMatrices(2, 3, 2) → a = [[1,2,3],[4,5,6]], b = [[1,0],[0,1],[1,1]], and a·b = [[4,5],[10,11]].
 */
export function exampleMatrices(m: number, k: number, n: number): { a: number[][]; b: number[][] } {
  const a = Array.from({ length: m }, (_, i) => Array.from({ length: k }, (_, j) => i * k + j + 1));
  // b is the identity on top with a row of ones below: it picks and sums columns of a.
  const b = Array.from({ length: k }, (_, i) => Array.from({ length: n }, (_, j) => (i === j || i >= n ? 1 : 0)));
  return { a, b };
}

export function formatMatrix(m: number[][]): string {
  return `[${m.map((r) => `[${r.join(", ")}]`).join(", ")}]`;
}
