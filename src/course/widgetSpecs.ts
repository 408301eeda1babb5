/**
 * The props each widget directive accepts, declared once in a table (the TF Playground's state.ts idea).
 * This file is pure data and checks, so Node tests lint every lesson with exactly the rules the page uses.
 * Only this file and widgetLoaders.ts know every widget; lessons name widgets by string.
 */

export type PropSpec =
  | { type: "number"; default: number; min?: number; max?: number; integer?: boolean }
  | { type: "string"; default: string; maxLength?: number }
  | { type: "boolean"; default: boolean }
  | { type: "enum"; default: string; values: readonly string[] };

export interface WidgetSpec {
  summary: string;
  props: Record<string, PropSpec>;
}

export type PropValues = Record<string, number | string | boolean>;

/** Props every widget receives: its validated directive props. Widgets import this type from here, not from
 * widgetLoaders.ts, which imports the widgets (tests/architecture.test.ts fails on the cycle). */
export interface WidgetProps<P extends PropValues = PropValues> {
  props: P;
}

export const widgetSpecs = {
  "gpt-lab": {
    summary: "The lab embedded in a lesson: a preset to train, with chosen controls hidden (locked).",
    props: {
      id: { type: "string", default: "gptlab", maxLength: 40 },
      preset: { type: "enum", default: "projector", values: ["projector", "nanogpt-cpu"] },
      corpus: { type: "enum", default: "moby-dick", values: ["moby-dick", "first-names"] },
      tokenizer: { type: "enum", default: "char", values: ["char", "bpe", "gpt2"] },
      maxIters: { type: "number", default: 300, min: 1, max: 100000, integer: true },
      hide: { type: "string", default: "", maxLength: 400 },
    },
  },
  "shape-lab": {
    summary: "Two shapes and an op (+, *, @, Linear, transpose, reshape, sum): the right-aligned table, the result and its bytes, or TF.js's own error.",
    props: {
      a: { type: "string", default: "2,3,4", maxLength: 60 },
      b: { type: "string", default: "4", maxLength: 60 }, // the second shape, or the op's argument (in,out / dims / new shape / dim)
      op: { type: "enum", default: "add", values: ["add", "mul", "matmul", "linear", "transpose", "reshape", "sum"] },
      id: { type: "string", default: "shapelab", maxLength: 20 }, // URL state prefix: give each widget on a page its own
    },
  },
  "broadcast-animator": {
    summary: "Steps through a broadcast on small tensors: right-align, stretch each size-1 axis (virtual copies faded), then the elementwise result.",
    props: {
      preset: { type: "enum", default: "outer", values: ["outer", "row", "keepdim", "nokeepdim"] },
      id: { type: "string", default: "bcast", maxLength: 20 },
    },
  },
  "matmul-demo": {
    summary: "Multiplies two small matrices with TensorFlow.js on the active backend and shows A, B and C.",
    props: {
      m: { type: "number", default: 2, min: 1, max: 6, integer: true },
      k: { type: "number", default: 3, min: 1, max: 6, integer: true },
      n: { type: "number", default: 2, min: 1, max: 6, integer: true },
    },
  },
  "graph-stepper": {
    summary: "Draws an expression's computation graph and runs backpropagation one node at a time (our micrograd engine).",
    props: {
      preset: { type: "enum", default: "abcf", values: ["apples", "abcf", "tanh", "sigmoid", "custom"] },
      expr: { type: "string", default: "", maxLength: 200 }, // a typed expression; makes preset "custom"
      values: { type: "string", default: "", maxLength: 300 }, // "a=2, b=-3"; empty: the preset's values
      id: { type: "string", default: "graph", maxLength: 20 }, // URL state prefix: give each widget on a page its own
    },
  },
  "framework-check": {
    summary: "Compares our engine's gradients with tf.grad and with centred finite differences (h and float32/64 as knobs).",
    props: {
      preset: { type: "enum", default: "tanh", values: ["apples", "abcf", "tanh", "sigmoid", "custom"] },
      id: { type: "string", default: "check", maxLength: 20 },
    },
  },
  "bpe-stepper": {
    summary: "Trains byte-pair encoding one merge at a time (the engine's minbpe merges): pair counts with ties, the sequence before and after, the vocabulary, compression.",
    props: {
      preset: { type: "enum", default: "wiki", values: ["wiki", "hf", "ja", "own"] },
      id: { type: "string", default: "bpe", maxLength: 20 }, // URL state prefix: give each widget on a page its own
    },
  },
  "tokenizer-compare": {
    summary: "GPT-2, cl100k, o200k and a BPE trained in the page side by side on parallel English and Japanese text (rank tables load lazily).",
    props: {
      preset: { type: "enum", default: "cat", values: ["cat", "walk", "context", "numbers", "code", "emoji"] },
      id: { type: "string", default: "tc", maxLength: 20 },
    },
  },
  "attention-matrix": {
    summary: "Scores → causal mask → softmax as a heat map, on rasbt's 6-token toy (Q = K = V = x) or the demo model's heads on typed text; hover or focus a token to see what it attends to.",
    props: {
      id: { type: "string", default: "attent", maxLength: 20 },
      source: { type: "enum", default: "toy", values: ["toy", "model"] }, // rasbt's toy, or the pretrained char model
      scale: { type: "boolean", default: false }, // divide by √d_k at first (rasbt's simplified attention does not)
      causal: { type: "boolean", default: false },
      text: { type: "string", default: "", maxLength: 200 }, // the model's text; empty: "Call me Ishmael. Some years ago"
    },
  },
  "bigram-heatmap": {
    summary: "The corpus's bigram table (names or Moby-Dick characters) as a heatmap with smoothing α; a row's distribution as bars, samples drawn from it with their path, train and val NLL.",
    props: {
      id: { type: "string", default: "bigram", maxLength: 20 },
      corpus: { type: "enum", default: "names", values: ["names", "moby-dick"] },
      alpha: { type: "enum", default: "1", values: ["0", "0.01", "0.1", "0.5", "1", "2", "5", "10", "100"] },
    },
  },
  "neural-bigram": {
    summary: "The bigram as a one-layer network (one-hot × W, softmax) trained by gradient descent, racing the smoothed count table: loss curve with ln V and the count loss, a row morphing towards the counts.",
    props: {
      id: { type: "string", default: "race", maxLength: 20 },
      corpus: { type: "enum", default: "names", values: ["names", "moby-dick"] },
      lr: { type: "enum", default: "50", values: ["1", "5", "10", "20", "50", "100", "200", "1000"] },
      alpha: { type: "number", default: 1, min: 0, max: 100 },
    },
  },
  "scaling-histogram": {
    summary: "The spread of q·k for random vectors as d_k grows, with and without the 1/√d_k scale, and what it does to the softmax.",
    props: {
      id: { type: "string", default: "scalin", maxLength: 20 },
      dk: { type: "enum", default: "64", values: ["1", "2", "4", "8", "16", "32", "64", "128", "256", "512"] },
    },
  },
  "embedding-map": {
    summary: "The demo model's token embeddings (wte) or position embeddings (wpe) projected to 2-D by PCA, computed in the page; hover or focus a row for its nearest neighbours by cosine similarity.",
    props: {
      id: { type: "string", default: "emap", maxLength: 20 },
      table: { type: "enum", default: "wte", values: ["wte", "wpe"] },
      char: { type: "string", default: "a", maxLength: 4 }, // the token selected at first (wte)
    },
  },
  "position-lab": {
    summary: "Position schemes side by side (learned wpe, sinusoidal, RoPE, none): the table as a heat map, similarity vs position, RoPE's rotating pairs, and a shuffle test on the real model with wpe and the causal mask as switches.",
    props: {
      id: { type: "string", default: "plab", maxLength: 20 },
      scheme: { type: "enum", default: "sinusoidal", values: ["learned", "sinusoidal", "rope", "none"] },
      shuffle: { type: "boolean", default: true }, // show the shuffle test
      table: { type: "boolean", default: true }, // show the table, similarity and pairs
    },
  },
  "kv-heads": {
    summary: "Multi-head, grouped-query and multi-query attention: which query heads share K/V, and the KV-cache memory bar.",
    props: {
      id: { type: "string", default: "kvh", maxLength: 20 },
      preset: { type: "enum", default: "llama", values: ["llama", "gpt2", "ours"] }, // 4096/32/32/32768 bf16, GPT-2 small, our model
    },
  },
  "data-loader-view": {
    summary: "The corpus as token ids with one batch's random windows (the engine's getBatch, same seed → same offsets) and their shifted targets; tokens per step.",
    props: {
      id: { type: "string", default: "data", maxLength: 20 },
      corpus: { type: "enum", default: "moby-dick", values: ["moby-dick", "first-names"] },
      B: { type: "number", default: 4, min: 1, max: 16, integer: true },
      T: { type: "number", default: 16, min: 2, max: 64, integer: true },
    },
  },
  "lr-schedule": {
    summary: "Linear warmup and cosine decay (the engine's getLr, nanoGPT's get_lr), constant and linear-to-zero, with the lr at a cursor step.",
    props: {
      id: { type: "string", default: "lr", maxLength: 20 },
      preset: { type: "enum", default: "moby-char", values: ["shakespeare-char", "moby-char", "minitrain", "gpt2-124m"] },
    },
  },
  "chinchilla": {
    summary: "Model size, tokens and compute by Chinchilla's rules of thumb: D ≈ 20N, C ≈ 6ND, time at a throughput; a log-log chart with known models.",
    props: {
      id: { type: "string", default: "chinch", maxLength: 20 },
    },
  },
  "sampling-panel": {
    summary: "The next-token distribution as bars with filtered tokens greyed (temperature, top-k, top-p, greedy); sample 1000 times with a seed and compare.",
    props: {
      id: { type: "string", default: "sampli", maxLength: 20 },
      source: { type: "enum", default: "toy", values: ["toy", "model"] }, // rasbt's 9-word toy logits, or the demo GPT on a prompt
    },
  },
  "beam-tree": {
    summary: "Steps a beam search (a toy or the demo GPT) and draws kept, finished and pruned branches, with the length penalty; greedy vs beam vs sampled.",
    props: {
      id: { type: "string", default: "beam", maxLength: 20 },
      source: { type: "enum", default: "twoStep", values: ["twoStep", "stop", "model"] },
    },
  },
  "kv-cache-race": {
    summary: "Generates the same greedy text with and without the KV cache on this device, times both live and counts the K/V rows computed.",
    props: {
      id: { type: "string", default: "kv", maxLength: 20 },
    },
  },
  "gpt-anatomy": {
    summary: "The whole GPT for the loaded model's config: every stage with its output shape and parameters; click one to see its real values from a forward pass on a typed prompt (the pretrained model or a lab model).",
    props: {
      id: { type: "string", default: "anat", maxLength: 20 },
      text: { type: "string", default: "", maxLength: 200 }, // the prompt; empty: "Call me Ishmael"
    },
  },
  "build-ladder": {
    summary: "Lesson 7's build-up ladder: seven variants of the engine's GPT (bigram → one head → heads → MLP → residual → LayerNorm → 3 blocks) trained in a worker with the same data, steps and seed; each rung's validation loss beside the recorded run's.",
    props: {
      id: { type: "string", default: "ladder", maxLength: 20 },
      steps: { type: "number", default: 300, min: 10, max: 3000, integer: true }, // per rung; the recorded run's budget
    },
  },
  "param-counter": {
    summary: "Counts a GPT's parameters component by component (L, d, heads, V, T, bias, tied) with presets; equals the engine's numParams.",
    props: {
      id: { type: "string", default: "params", maxLength: 20 },
      preset: { type: "enum", default: "pretrained", values: ["pretrained", "gpt2", "shakespeare", "ladder"] },
    },
  },
  "block-inspector": {
    summary: "Mean, std and a histogram of the activations after every sub-layer of one real forward pass (the pretrained model or a lab model) on a typed prompt.",
    props: {
      id: { type: "string", default: "inspect", maxLength: 20 },
      text: { type: "string", default: "Call me Ishmael. Some years ago", maxLength: 200 },
    },
  },
} satisfies Record<string, WidgetSpec>;

export type WidgetName = keyof typeof widgetSpecs;

export function isWidgetName(name: string): name is WidgetName {
  return Object.prototype.hasOwnProperty.call(widgetSpecs, name);
}

export const widgetNames = Object.keys(widgetSpecs).sort() as WidgetName[];

/**
 * Turns a directive's string attributes into typed props, filling defaults.
 * Example: validateProps("matmul-demo", { m: "3" }) → { props: { m: 3, k: 3, n: 2 }, errors: [] }
 *          validateProps("matmul-demo", { m: "x" }) → errors: ['prop "m" must be a number, got "x".']
 */
export function validateProps(name: WidgetName, attrs: Record<string, string | null | undefined>): { props: PropValues; errors: string[] } {
  const spec: WidgetSpec = widgetSpecs[name];
  const props: PropValues = {};
  const errors: string[] = [];
  for (const [key, p] of Object.entries(spec.props)) props[key] = p.default;
  for (const [key, raw] of Object.entries(attrs)) {
    const p = spec.props[key];
    if (!p) {
      const known = Object.keys(spec.props);
      errors.push(`unknown prop "${key}". ${name} accepts ${known.length ? known.join(", ") : "no props"}.`);
      continue;
    }
    const value = raw ?? "";
    switch (p.type) {
      case "number": {
        const x = Number(value);
        if (value.trim() === "" || !Number.isFinite(x)) errors.push(`prop "${key}" must be a number, got "${value}".`);
        else if (p.integer && !Number.isInteger(x)) errors.push(`prop "${key}" must be a whole number, got ${value}.`);
        else if ((p.min !== undefined && x < p.min) || (p.max !== undefined && x > p.max))
          errors.push(`prop "${key}" must be between ${p.min ?? "-∞"} and ${p.max ?? "∞"}, got ${value}.`);
        else props[key] = x;
        break;
      }
      case "boolean":
        if (value === "" || value === "true") props[key] = true;
        else if (value === "false") props[key] = false;
        else errors.push(`prop "${key}" must be true or false, got "${value}".`);
        break;
      case "enum":
        if (p.values.includes(value)) props[key] = value;
        else errors.push(`prop "${key}" must be one of ${p.values.join(", ")}, got "${value}".`);
        break;
      case "string":
        if (p.maxLength !== undefined && value.length > p.maxLength) errors.push(`prop "${key}" is ${value.length} characters long; at most ${p.maxLength} allowed.`);
        else props[key] = value;
        break;
    }
  }
  return { props, errors };
}
