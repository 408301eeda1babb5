import { cosine, dot, ropeAngles, ropeScore, sinusoidalTable } from "../../core";

/**
 * The position lab's tables and curves, as plain arrays. Every scheme gives a (T, width) table to draw and a
 * similarity between two positions:
 * - learned: the model's wpe rows; similarity = their cosine
 * - sinusoidal: sin/cos pairs; similarity = PE(p)·PE(t) / (d/2) = mean over pairs of cos((t − p)θᵢ)
 * - rope: the rotation angles pθᵢ (drawn as cos); similarity = the score of one query and one key with equal
 *   content, rotated to positions p and t, over its value at offset 0: the same mean of cos((t − p)θᵢ)
 * - none: no table; every position looks the same, similarity 1
 */
export const schemes = ["learned", "sinusoidal", "rope", "none"] as const;
export type Scheme = (typeof schemes)[number];

export interface PositionTable {
  scheme: Scheme;
  /** (T, width): the numbers the heat map draws, each in [−1, 1] for the fixed schemes */
  cells: number[][];
  /** similarity of position p with every position t, (T) */
  similarity: (p: number) => number[];
}

export function positionTable(scheme: Scheme, T: number, d: number, base: number, wpe?: number[][]): PositionTable {
  if (scheme === "learned") {
    if (!wpe) throw new Error("The learned scheme needs the model's wpe table; wait for the model to load.");
    const rows = wpe.slice(0, T);
    return { scheme, cells: rows, similarity: (p) => rows.map((r) => cosine(rows[p], r)) };
  }
  if (scheme === "none") return { scheme, cells: Array.from({ length: T }, () => new Array<number>(d).fill(0)), similarity: () => new Array<number>(T).fill(1) };
  const pe = sinusoidalTable(T, d, base);
  const sim = (p: number) => pe.map((r) => dot(pe[p], r) / (d / 2));
  if (scheme === "sinusoidal") return { scheme, cells: pe, similarity: sim };
  const ones = new Array<number>(d).fill(1);
  const rope = (p: number) => Array.from({ length: T }, (_, t) => ropeScore(ones, p, ones, t, base) / d); // R(p)q · R(t)q, and q·q = d
  return { scheme, cells: ropeAngles(T, d, base).map((r) => r.map(Math.cos)), similarity: rope };
}

/** Largest absolute entry of a table, for the heat map's colour scale (at least 1e-9, so an all-zero table draws). */
export const tableScale = (cells: number[][]) => Math.max(1e-9, ...cells.map((r) => Math.max(...r.map(Math.abs))));
