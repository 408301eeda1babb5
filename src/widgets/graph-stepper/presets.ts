/**
 * The worked examples both autograd widgets offer. `names` label the operation nodes in topological order
 * (the order Value.topo() lists them), so the graph reads like the lesson: d = a·b, e = d + c, L = e·f.
 */
export interface Preset {
  expr: string;
  values: string;
  names: string[];
}

export const presets = {
  // ゼロから作る Deep Learning, ch. 5: two apples at 100 yen each, 10% tax.
  apples: { expr: "price * count * tax", values: "price=100, count=2, tax=1.1", names: ["cost", "total"] },
  // Karpathy's first micrograd example.
  abcf: { expr: "(a*b + c) * f", values: "a=2, b=-3, c=10, f=-2", names: ["d", "e", "L"] },
  // Karpathy's neuron: b is chosen so that n = 0.8813…, tanh(n) = 1/√2.
  tanh: { expr: "tanh(x1*w1 + x2*w2 + b)", values: "x1=2, x2=0, w1=-3, w2=1, b=6.8813735870195432", names: ["x1w1", "x2w2", "s", "n", "o"] },
  // The same neuron with a sigmoid and b = 7, so n = 1: σ(1) = 0.7311 and σ'(1) = 0.1966.
  sigmoid: { expr: "sigmoid(x1*w1 + x2*w2 + b)", values: "x1=2, x2=0, w1=-3, w2=1, b=7", names: ["x1w1", "x2w2", "s", "n", "o"] },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;
export const presetNames = Object.keys(presets) as PresetName[];
/** The directive and URL values: a preset, or "custom" for a typed expression. */
export const presetChoices = [...presetNames, "custom"] as const;
export type PresetChoice = (typeof presetChoices)[number];

/** Example: resolveSource("abcf", "", "") → the abcf preset; resolveSource("custom", "x*x", "x=3") → that text. */
export function resolveSource(preset: string, expr: string, values: string): Preset {
  if (preset !== "custom" && preset in presets) {
    const p = presets[preset as PresetName];
    return values ? { ...p, values } : p;
  }
  return { expr, values, names: [] };
}
