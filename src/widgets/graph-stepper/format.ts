/**
 * Numbers as the widgets print them: at most 4 decimals, no float noise, tiny values in scientific notation.
 * Example: fmt(220.00000000000003) → "220"; fmt(0.7071067811865476) → "0.7071"; fmt(-0) → "0"; fmt(3e-9) → "3e-9"
 */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  if (x === 0) return "0";
  if (Math.abs(x) < 1e-4) return x.toExponential(2).replace(/\.?0+e/, "e").replace("e+", "e");
  if (Math.abs(x) >= 1e6) return x.toExponential(3).replace(/\.?0+e/, "e").replace("e+", "e");
  const s = String(Number(x.toFixed(4)));
  return s === "-0" ? "0" : s;
}
