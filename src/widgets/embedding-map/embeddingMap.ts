import { matrix, nearestRows, pca, type GPTModel, type Matrix, type PCA, type Tokenizer } from "../../core";
import { visibleWhitespace } from "../shared/text";

/**
 * What the embedding map draws: one table of the model (wte, a row per token; or wpe, a row per position),
 * projected to 2-D by PCA, with labels and the cosine neighbours of any row. Plain arrays, no tensors: the
 * tables are read once with dataSync (the model's own variables, nothing new to dispose).
 */
export type TableName = "wte" | "wpe";
export const groups = ["vowel", "consonant", "upper", "digit", "punct", "space", "other"] as const;
export type Group = (typeof groups)[number];

/** Which family a character belongs to, for the map's colours. Example: "e" → vowel, "E" → upper, "7" → digit. */
export function charGroup(ch: string): Group {
  if (/^[aeiou]$/.test(ch)) return "vowel";
  if (/^[a-z]$/.test(ch)) return "consonant";
  if (/^[A-Z]$/.test(ch)) return "upper";
  if (/^[0-9]$/.test(ch)) return "digit";
  if (/^\s$/.test(ch)) return "space";
  if (/^[\p{P}\p{S}]$/u.test(ch)) return "punct";
  return "other";
}

export interface EmbeddingView {
  table: TableName;
  m: Matrix;
  labels: string[];
  groups: (Group | null)[];
  pca: PCA;
}

/** The (rows, C) table as a Matrix, copied out of the model's variable. */
export function readTable(model: GPTModel, table: TableName): Matrix {
  const p = model.params[`transformer.${table}.weight`];
  if (!p) throw new Error(`The model has no transformer.${table}.weight.`);
  const [rows, cols] = p.shape;
  return { rows, cols, data: Float64Array.from(p.dataSync() as Float32Array) };
}

/** Labels for a table's rows: the token's text for wte (whitespace made visible), the position for wpe. */
export function rowLabels(table: TableName, rows: number, tokenizer?: Tokenizer): string[] {
  return Array.from({ length: rows }, (_, i) => (table === "wpe" || !tokenizer ? String(i) : visibleWhitespace(tokenizer.decode([i])) || "∅"));
}

export function embeddingView(model: GPTModel, table: TableName, tokenizer?: Tokenizer): EmbeddingView {
  const m = readTable(model, table);
  const labels = rowLabels(table, m.rows, tokenizer);
  const raw = table === "wte" && tokenizer ? Array.from({ length: m.rows }, (_, i) => tokenizer.decode([i])) : null;
  return { table, m, labels, groups: raw ? raw.map(charGroup) : labels.map(() => null), pca: pca(m, 2) };
}

/** The view from plain rows (tests, and any table that is not a model's). */
export function viewOfRows(rows: number[][], labels: string[], table: TableName = "wte"): EmbeddingView {
  const m = matrix(rows);
  return { table, m, labels, groups: labels.map(charGroup), pca: pca(m, 2) };
}

export const neighbours = (v: EmbeddingView, i: number, k = 5) => nearestRows(v.m, i, Math.min(k, v.m.rows - 1));

/**
 * Which rows to draw when a table is too big to draw whole (a 50,257-token vocabulary): null when all `rows` fit
 * under `max`, else the first `max` ids plus the rows that must show (the selection, its neighbours).
 * Example: drawnRows(1000, 3, [500, 2]) → {0, 1, 2, 500}.
 */
export function drawnRows(rows: number, max: number, always: number[]): Set<number> | null {
  if (rows <= max) return null;
  return new Set([...Array.from({ length: max }, (_, i) => i), ...always.filter((i) => i >= 0 && i < rows)]);
}
