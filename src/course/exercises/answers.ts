/**
 * Reading and checking a learner's answer. Pure functions: no React, no i18n. A check returns a verdict with a
 * reason code and values, and the page turns that into words in the learner's language.
 */

/** Why an answer is not (yet) right; `Exercise.tsx` maps each code to a sentence in en.ts/ja.ts. */
export type Verdict =
  | { ok: true }
  | { ok: false; reason: "empty" }
  | { ok: false; reason: "unreadableNumber"; input: string }
  | { ok: false; reason: "tooHigh" | "tooLow" }
  | { ok: false; reason: "unreadableShape"; input: string }
  | { ok: false; reason: "expectedError" } // the learner gave a shape, the operation fails
  | { ok: false; reason: "notAnError" } // the learner said "error", the operation works
  | { ok: false; reason: "rank"; got: number } // wrong number of dimensions
  | { ok: false; reason: "dims" } // right rank, some sizes differ
  | { ok: false; reason: "noChoice" }
  | { ok: false; reason: "wrongChoice" }
  | { ok: false; reason: "partlyRight" }; // several correct choices, the selection is not exactly them

/**
 * Reads a number the way people type it: "2362368", "2,362,368", "2 362 368", "2_362_368", "2.36e6", "-0.5",
 * "1/3", "3/4". A comma is a thousands separator only in groups of three ("1,5" is not a number: ambiguous).
 * Example: parseNumber("2,362,368") → 2362368; parseNumber("3/4") → 0.75; parseNumber("abc") → null
 */
export function parseNumber(input: string): number | null {
  const s = input.trim().replace(/[\u2212\u2012\u2013]/g, "-").replace(/[\s_\u00a0\u202f]/g, "");
  if (s === "") return null;
  const frac = /^([-+]?[0-9.eE+-]+)\/([-+]?[0-9.eE+-]+)$/.exec(s);
  if (frac) {
    const a = parseNumber(frac[1]), b = parseNumber(frac[2]);
    return a === null || b === null || b === 0 ? null : a / b;
  }
  const plain = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, "") : s;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain)) return null;
  return Number(plain);
}

/**
 * Numeric check with an absolute tolerance. A hair of relative slack (1e-9) forgives float printing.
 * Example: checkNumber("2,362,368", 2362368, 0) → { ok: true }; checkNumber("0.69", Math.LN2, 0.001) → tooLow
 */
export function checkNumber(input: string, answer: number, tol: number): Verdict {
  if (input.trim() === "") return { ok: false, reason: "empty" };
  const x = parseNumber(input);
  if (x === null) return { ok: false, reason: "unreadableNumber", input: input.trim() };
  const diff = x - answer;
  if (Math.abs(diff) <= tol + 1e-9 * Math.abs(answer)) return { ok: true };
  return { ok: false, reason: diff > 0 ? "tooHigh" : "tooLow" };
}

/** Words that mean "this raises an error" in a shape answer, in both course languages. */
const errorWords = new Set(["error", "err", "fails", "fail", "exception", "raises", "エラー", "えらー", "失敗", "✗"]);

/** A shape, or the statement that the operation fails. */
export type ShapeAnswer = { error: true } | { error: false; dims: number[] };

/**
 * Reads a shape the way PyTorch, NumPy and people print it: "(2, 3, 4)", "2,3,4", "[2 3 4]", "(4,)", "()",
 * "torch.Size([2, 3, 4])", "2x3x4", "2×3×4"; or "error" (also "エラー").
 * Example: parseShape("torch.Size([2, 3])") → { error: false, dims: [2, 3] }; parseShape("(2, x)") → null
 */
export function parseShape(input: string): ShapeAnswer | null {
  let s = input.trim().toLowerCase();
  if (errorWords.has(s.replace(/[.!。！]+$/, ""))) return { error: true };
  s = s.replace(/^(torch\.size|shape|tensorshape)\s*/, "");
  // Peel matching brackets: "([2, 3])" → "2, 3". Unbalanced brackets are not a shape.
  for (;;) {
    const m = /^[([{]\s*(.*?)\s*[)\]}]$/.exec(s);
    if (!m) break;
    s = m[1];
  }
  if (/[()[\]{}]/.test(s)) return null;
  if (s === "") return { error: false, dims: [] };
  const parts = s.split(/\s*[,x×*]\s*|\s+/).filter((p, i, all) => p !== "" || i < all.length - 1);
  if (parts.some((p) => !/^\d+$/.test(p))) return null;
  return { error: false, dims: parts.map(Number) };
}

/** Example: formatShape([2, 3, 4]) → "(2, 3, 4)"; formatShape([4]) → "(4,)"; formatShape([]) → "()" */
export function formatShape(dims: readonly number[]): string {
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(", ")})`;
}

/**
 * Example: checkShape("2,3,4", { error: false, dims: [2, 3, 4] }) → { ok: true };
 *          checkShape("(2, 3)", { error: true }) → { ok: false, reason: "expectedError" }
 */
export function checkShape(input: string, answer: ShapeAnswer): Verdict {
  if (input.trim() === "") return { ok: false, reason: "empty" };
  const got = parseShape(input);
  if (!got) return { ok: false, reason: "unreadableShape", input: input.trim() };
  if (answer.error) return got.error ? { ok: true } : { ok: false, reason: "expectedError" };
  if (got.error) return { ok: false, reason: "notAnError" };
  if (got.dims.length !== answer.dims.length) return { ok: false, reason: "rank", got: got.dims.length };
  return got.dims.every((d, i) => d === answer.dims[i]) ? { ok: true } : { ok: false, reason: "dims" };
}

/**
 * One correct choice: pick it. Several: pick exactly those ("select all that apply").
 * Example: checkChoices([1], [1]) → { ok: true }; checkChoices([0, 2], [0]) → { ok: false, reason: "partlyRight" }
 */
export function checkChoices(selected: readonly number[], correct: readonly number[]): Verdict {
  if (selected.length === 0) return { ok: false, reason: "noChoice" };
  const want = new Set(correct);
  if (selected.length === want.size && selected.every((i) => want.has(i))) return { ok: true };
  return { ok: false, reason: correct.length > 1 && selected.some((i) => want.has(i)) ? "partlyRight" : "wrongChoice" };
}
