/**
 * Embeddings and positions, as plain arrays: PCA to draw an embedding table in 2-D, cosine nearest neighbours,
 * and the position tables a reader meets (sinusoidal, RoPE). No tensors here: the tables are small (at most a
 * few hundred rows of a few hundred numbers), so plain loops in float64 are exact enough and cannot leak.
 */

/** A row-major matrix: `rows` rows of `cols` numbers in one array. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix(rows: number[][]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((r, i) => {
    if (r.length !== cols) throw new Error(`Row ${i} has ${r.length} numbers, row 0 has ${cols}: every row needs the same width.`);
    data.set(r, i * cols);
  });
  return { rows: rows.length, cols, data };
}

/** Row i as a view into m.data (no copy). */
export const row = (m: Matrix, i: number): Float64Array => m.data.subarray(i * m.cols, (i + 1) * m.cols);

// ---- eigenvectors of a symmetric matrix (cyclic Jacobi) ------------------------------------------------

/**
 * Eigenvalues (descending) and unit eigenvectors of a symmetric n×n matrix, by cyclic Jacobi rotations.
 * Each rotation zeroes one off-diagonal pair; sweeps repeat until the off-diagonal mass is ~0.
 * Sign convention, so a projection is reproducible: each eigenvector's largest-magnitude entry is positive
 * (on a tie, the first such entry). Example: [[2, 1], [1, 2]] → values [3, 1], vectors [[0.7071, 0.7071],
 * [0.7071, -0.7071]] (the second has a tie at |0.7071|; its first entry is made positive).
 */
export function symmetricEigen(a: number[][] | Matrix): { values: number[]; vectors: number[][] } {
  const m = Array.isArray(a) ? matrix(a) : a;
  const n = m.rows;
  if (m.cols !== n) throw new Error(`symmetricEigen needs a square matrix, got ${m.rows}×${m.cols}.`);
  const A = Float64Array.from(m.data);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++)
      if (Math.abs(A[i * n + j] - A[j * n + i]) > 1e-9 * (1 + Math.abs(A[i * n + j])))
        throw new Error(`symmetricEigen needs a symmetric matrix: entry (${i}, ${j}) is ${A[i * n + j]} but (${j}, ${i}) is ${A[j * n + i]}.`);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  let scale = 0;
  for (let k = 0; k < n * n; k++) scale += A[k] * A[k];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q] ** 2;
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        // the rotation angle that zeroes A[p][q] (Golub & Van Loan's stable form)
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // A ← A·J (columns p and q)
          const akp = A[k * n + p], akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          // A ← Jᵀ·A (rows p and q)
          const apk = A[p * n + k], aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p], vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[j * n + j] - A[i * n + i] || i - j);
  const vectors = order.map((col) => {
    const v = Array.from({ length: n }, (_, k) => V[k * n + col]);
    let big = 0;
    for (let k = 1; k < n; k++) if (Math.abs(v[k]) > Math.abs(v[big]) + 1e-12) big = k;
    return v[big] < 0 ? v.map((x) => -x) : v;
  });
  return { values: order.map((i) => A[i * n + i]), vectors };
}

// ---- PCA ----------------------------------------------------------------------------------------------

export interface PCA {
  mean: number[];
  /** the top-k principal axes, unit vectors of length cols, by decreasing variance */
  components: number[][];
  /** the variance along each component (eigenvalues of the covariance, divisor n) */
  variances: number[];
  /** each component's share of the total variance */
  explained: number[];
  /** every row projected: points[i][j] = (row_i − mean) · component_j */
  points: number[][];
}

/**
 * Principal component analysis of the rows of `x`: centre the rows, form the cols×cols covariance (divisor n),
 * take its top-k eigenvectors (symmetricEigen, so the signs are reproducible) and project every row onto them.
 * Example: the rows (±2, 0) and (0, ±1) give component 1 = (1, 0) with variance 2, component 2 = (0, 1) with 0.5.
 */
export function pca(x: Matrix | number[][], k = 2): PCA {
  const m = Array.isArray(x) ? matrix(x) : x;
  const { rows: n, cols: d } = m;
  if (n < 2) throw new Error(`PCA needs at least 2 rows to measure a spread, got ${n}.`);
  if (k < 1 || k > d) throw new Error(`PCA can keep 1–${d} components of ${d}-wide rows, asked for ${k}.`);
  const mean = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += m.data[i * d + j] / n;
  const centred = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centred[i * d + j] = m.data[i * d + j] - mean[j];
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < d; a++) {
      const xa = centred[i * d + a];
      if (xa === 0) continue;
      for (let b = a; b < d; b++) cov[a * d + b] += xa * centred[i * d + b];
    }
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      cov[a * d + b] /= n;
      cov[b * d + a] = cov[a * d + b];
    }
  const { values, vectors } = symmetricEigen({ rows: d, cols: d, data: cov });
  const total = values.reduce((s, v) => s + Math.max(v, 0), 0);
  const components = vectors.slice(0, k);
  const points = Array.from({ length: n }, (_, i) =>
    components.map((c) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += centred[i * d + j] * c[j];
      return s;
    }),
  );
  const variances = values.slice(0, k).map((v) => Math.max(v, 0));
  return { mean, components, variances, explained: variances.map((v) => (total > 0 ? v / total : 0)), points };
}

// ---- similarity -----------------------------------------------------------------------------------------

/** Cosine similarity a·b / (|a| |b|); 0 when either vector is all zeros. Example: ([1, 0], [1, 1]) → 0.7071. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`Cosine similarity needs vectors of one length, got ${a.length} and ${b.length}.`);
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/** The k rows most similar to row i by cosine (row i itself left out), most similar first; ties by index. */
export function nearestRows(m: Matrix, i: number, k: number): { index: number; similarity: number }[] {
  if (i < 0 || i >= m.rows) throw new Error(`Row ${i} does not exist: the table has rows 0–${m.rows - 1}.`);
  const me = row(m, i);
  const all: { index: number; similarity: number }[] = [];
  for (let j = 0; j < m.rows; j++) if (j !== i) all.push({ index: j, similarity: cosine(me, row(m, j)) });
  return all.sort((a, b) => b.similarity - a.similarity || a.index - b.index).slice(0, k);
}

// ---- one-hot vs lookup -------------------------------------------------------------------------------------

/** Multiply-adds of one_hot(ids) @ W for N ids, a V×C table: every output entry is a V-long dot product. */
export const oneHotMatmulMacs = (N: number, V: number, C: number): number => N * V * C;
/** Numbers copied by the row lookup W[ids]: C per id, no arithmetic at all. */
export const lookupCopies = (N: number, C: number): number => N * C;

// ---- positions ------------------------------------------------------------------------------------------

/** The frequency of pair i in a d-wide sinusoidal or RoPE table: θ_i = base^(−2i/d). */
export function pairFrequency(i: number, d: number, base = 10000): number {
  return Math.pow(base, (-2 * i) / d);
}

function checkTable(T: number, d: number, base: number) {
  if (!Number.isInteger(T) || T < 1) throw new Error(`A position table needs at least 1 position, got ${T}.`);
  if (!Number.isInteger(d) || d < 2 || d % 2 !== 0) throw new Error(`A sinusoidal or RoPE table pairs up dimensions, so d must be even and ≥ 2, got ${d}.`);
  if (!(base > 1)) throw new Error(`The base must be above 1 (the Transformer uses 10000), got ${base}.`);
}

/**
 * The Transformer's sinusoidal table (Vaswani et al. 2017, section 3.5), T positions × d:
 * PE[p][2i] = sin(p·θ_i), PE[p][2i+1] = cos(p·θ_i), θ_i = base^(−2i/d).
 * Example: sinusoidalTable(2, 2)[1] = [sin 1, cos 1] = [0.8415, 0.5403].
 */
export function sinusoidalTable(T: number, d: number, base = 10000): number[][] {
  checkTable(T, d, base);
  return Array.from({ length: T }, (_, p) => {
    const r = new Array<number>(d);
    for (let i = 0; i < d / 2; i++) {
      const angle = p * pairFrequency(i, d, base);
      r[2 * i] = Math.sin(angle);
      r[2 * i + 1] = Math.cos(angle);
    }
    return r;
  });
}

/**
 * RoPE (Su et al. 2021, "RoFormer"): rotate each pair (x_{2i}, x_{2i+1}) of a query or key at position p by the
 * angle p·θ_i. Example: ropeRotate([1, 0], 1) = [cos 1, sin 1] = [0.5403, 0.8415].
 */
export function ropeRotate(x: ArrayLike<number>, p: number, base = 10000): number[] {
  const d = x.length;
  checkTable(1, d, base);
  const out = new Array<number>(d);
  for (let i = 0; i < d / 2; i++) {
    const a = p * pairFrequency(i, d, base);
    const c = Math.cos(a), s = Math.sin(a);
    out[2 * i] = c * x[2 * i] - s * x[2 * i + 1];
    out[2 * i + 1] = s * x[2 * i] + c * x[2 * i + 1];
  }
  return out;
}

/** RoPE's rotation angles p·θ_i (radians), T positions × d/2 pairs: the table a RoPE heat map draws. */
export function ropeAngles(T: number, d: number, base = 10000): number[][] {
  checkTable(T, d, base);
  return Array.from({ length: T }, (_, p) => Array.from({ length: d / 2 }, (_, i) => p * pairFrequency(i, d, base)));
}

/** Dot product of two equal-length vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`A dot product needs vectors of one length, got ${a.length} and ${b.length}.`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * The RoPE score of query q at position m against key k at position n: R(m)q · R(n)k. It depends only on
 * n − m (a rotation by m then undone), which is the point of RoPE: the score sees the offset, not the places.
 */
export function ropeScore(q: ArrayLike<number>, m: number, k: ArrayLike<number>, n: number, base = 10000): number {
  return dot(ropeRotate(q, m, base), ropeRotate(k, n, base));
}
