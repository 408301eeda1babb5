import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { createModel, disposeModel, numParams, paramShapes, type GPTConfig } from "../../src/core";
import { counterPresets, countRows, totals, type CounterConfig } from "../../src/widgets/param-counter/count";

/** The engine's own count for a config: numParams sums its parameters' sizes, which are paramShapes' products. */
function engineCount(c: CounterConfig): number {
  const config: GPTConfig = { nLayer: c.nLayer, nEmbd: c.nEmbd, nHead: c.nHead, vocabSize: c.vocabSize, blockSize: c.blockSize, bias: c.bias, dropout: 0 };
  return paramShapes(config).reduce((s, [, shape]) => s + shape.reduce((a, b) => a * b, 1), 0);
}

describe("ParamCounter", () => {
  it("works the docstring's small example by hand: L 1, d 4, V 10, T 8, bias → 324", () => {
    const c = { nLayer: 1, nEmbd: 4, nHead: 2, vocabSize: 10, blockSize: 8, bias: true, tied: true };
    expect(countRows(c).map((r) => [r.key, r.count])).toEqual([
      ["wte", 40], ["wpe", 32], ["ln_1", 8], ["attn.c_attn", 60], ["attn.c_proj", 20], ["ln_2", 8], ["mlp.c_fc", 80], ["mlp.c_proj", 68], ["ln_f", 8], ["lm_head", 0],
    ]);
    expect(totals(c).total).toBe(324);
  });

  it("gives GPT-2 small's 124,439,808 and the pretrained model's 159,488", () => {
    expect(totals(counterPresets.gpt2).total).toBe(124_439_808);
    expect(totals(counterPresets.pretrained).total).toBe(159_488);
    // nanoGPT's get_num_params() drops wpe (wte stays: it is also the head): 124,439,808 − 1024·768
    expect(totals(counterPresets.gpt2).nonEmbedding).toBe(123_653_376);
    // shakespeare-char (L6, d384, T256, V65, no biases): nanoGPT prints "number of parameters: 10.65M"
    expect(totals(counterPresets.shakespeare).nonEmbedding).toBe(10_646_784);
    expect(totals(counterPresets.shakespeare).total).toBe(10_745_088);
  });

  it("equals the engine's parameter count for every config in a sweep (tied head)", () => {
    let checked = 0;
    for (const nLayer of [1, 2, 3, 6, 12])
      for (const [nEmbd, nHead] of [[4, 1], [16, 2], [64, 4], [48, 3], [384, 6]])
        for (const vocabSize of [2, 65, 83, 50257])
          for (const blockSize of [1, 8, 64, 1024])
            for (const bias of [true, false]) {
              const c = { nLayer, nEmbd, nHead, vocabSize, blockSize, bias, tied: true };
              expect(totals(c).total, JSON.stringify(c)).toBe(engineCount(c));
              checked++;
            }
    expect(checked).toBe(5 * 5 * 4 * 4 * 2);
  });

  it("equals numParams of real models the engine builds (small configs, every bias setting)", async () => {
    await tf.setBackend("cpu");
    for (const [nLayer, nEmbd, nHead, vocabSize, blockSize] of [[1, 4, 2, 10, 8], [2, 16, 2, 11, 8], [3, 64, 4, 83, 64], [2, 24, 3, 65, 32]])
      for (const bias of [true, false]) {
        const c = { nLayer, nEmbd, nHead, vocabSize, blockSize, bias, tied: true };
        const model = createModel({ ...c, dropout: 0 }, 1);
        expect(totals(c).total, JSON.stringify(c)).toBe(numParams(model));
        disposeModel(model);
      }
  });

  it("an untied head adds V·d, and the rule of thumb 12·L·d² + V·d + T·d is close for big models", () => {
    const c = { ...counterPresets.gpt2, tied: false };
    expect(totals(c).total - totals(counterPresets.gpt2).total).toBe(50257 * 768);
    const t = totals(counterPresets.gpt2);
    expect(t.approx).toBe(12 * 12 * 768 * 768 + (50257 + 1024) * 768); // 124,318,464
    expect(Math.abs(t.approx - t.total) / t.total).toBeLessThan(0.001);
  });
});
