/**
 * ParamCounter's arithmetic, framework-free: a GPT's parameters component by component, the way nanoGPT's
 * model.py lays them out. With a tied head the total equals the engine's numParams for the same config
 * (tests/widgets/param-counter.test.ts checks many configs).
 */

export interface CounterConfig {
  nLayer: number; // L
  nEmbd: number; // d
  nHead: number; // heads (they split d; the count does not depend on them)
  vocabSize: number; // V
  blockSize: number; // T
  bias: boolean;
  tied: boolean; // lm_head shares wte's matrix (nanoGPT, GPT-2); untied adds V·d
}

export interface CountRow {
  key: string; // nanoGPT's module name
  formula: string;
  count: number;
  perBlock?: boolean; // counted once per block
}

export const counterPresets = {
  pretrained: { nLayer: 3, nEmbd: 64, nHead: 4, vocabSize: 83, blockSize: 64, bias: true, tied: true },
  gpt2: { nLayer: 12, nEmbd: 768, nHead: 12, vocabSize: 50257, blockSize: 1024, bias: true, tied: true },
  shakespeare: { nLayer: 6, nEmbd: 384, nHead: 6, vocabSize: 65, blockSize: 256, bias: false, tied: true },
  ladder: { nLayer: 3, nEmbd: 64, nHead: 4, vocabSize: 83, blockSize: 32, bias: true, tied: true },
} satisfies Record<string, CounterConfig>;

export type CounterPreset = keyof typeof counterPresets;

/**
 * The rows of the table: embeddings, one block's six parts (counted L times), ln_f and the head.
 * Example: L 1, d 4, V 10, T 8, bias, tied: wte 40, wpe 32, one block 8 + 60 + 20 + 8 + 80 + 68 = 244, ln_f 8 → 324.
 */
export function countRows(c: CounterConfig): CountRow[] {
  const { nEmbd: d, vocabSize: V, blockSize: T, bias } = c;
  const b = bias ? 1 : 0;
  const ln = (key: string, perBlock = true): CountRow => ({ key, formula: bias ? "2·d" : "d", count: (1 + b) * d, perBlock });
  return [
    { key: "wte", formula: "V·d", count: V * d },
    { key: "wpe", formula: "T·d", count: T * d },
    ln("ln_1"),
    { key: "attn.c_attn", formula: bias ? "d·3d + 3d" : "d·3d", count: 3 * d * d + b * 3 * d, perBlock: true },
    { key: "attn.c_proj", formula: bias ? "d·d + d" : "d·d", count: d * d + b * d, perBlock: true },
    ln("ln_2"),
    { key: "mlp.c_fc", formula: bias ? "d·4d + 4d" : "d·4d", count: 4 * d * d + b * 4 * d, perBlock: true },
    { key: "mlp.c_proj", formula: bias ? "4d·d + d" : "4d·d", count: 4 * d * d + b * d, perBlock: true },
    ln("ln_f", false),
    { key: "lm_head", formula: c.tied ? "= wte (tied)" : "V·d", count: c.tied ? 0 : V * d },
  ];
}

export interface Totals {
  perBlock: number;
  blocks: number; // L · perBlock
  embeddings: number; // wte + wpe
  total: number;
  nonEmbedding: number; // total − wpe, as nanoGPT's get_num_params(non_embedding=True) reports (wte stays: it is the head)
  approx: number; // 12·L·d² + V·d + T·d, the rule of thumb
}

export function totals(c: CounterConfig): Totals {
  const rows = countRows(c);
  const perBlock = rows.filter((r) => r.perBlock).reduce((s, r) => s + r.count, 0);
  const blocks = c.nLayer * perBlock;
  const rest = rows.filter((r) => !r.perBlock).reduce((s, r) => s + r.count, 0);
  const wpe = c.blockSize * c.nEmbd;
  const total = blocks + rest;
  return { perBlock, blocks, embeddings: (c.vocabSize + c.blockSize) * c.nEmbd, total, nonEmbedding: total - wpe, approx: 12 * c.nLayer * c.nEmbd ** 2 + (c.vocabSize + c.blockSize) * c.nEmbd };
}
