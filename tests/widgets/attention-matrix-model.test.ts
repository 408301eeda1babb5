import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createModel, defaultGPTConfig, disposeModel, loadCheckpoint, tokenizerFromSpec, type GPTModel, type Tokenizer, type TokenizerSpec } from "../../src/core";
import { attentionStages } from "../../src/widgets/attention-matrix/attention";
import { encodeForModel, modelRawScores, tokenLabel, traceAttention, tracedProbs } from "../../src/widgets/attention-matrix/modelAttention";

/**
 * The golden check of the AttentionMatrix widget: the raw scores it computes from ln_1_out and c_attn's weights,
 * scaled by 1/√hs, causally masked and softmaxed, must equal the attn_probs the engine's forward pass traced,
 * on the course's real pretrained model (public/models/moby-char.safetensors).
 */
beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** Largest |ours − traced| over every layer and head. */
function maxDiff(model: GPTModel, ids: number[]): number {
  const ma = traceAttention(model, ids);
  let worst = 0;
  for (let layer = 0; layer < ma.nLayer; layer++)
    for (let head = 0; head < ma.nHead; head++) {
      const ours = attentionStages(modelRawScores(model, ma, layer, head), ma.C / ma.nHead, { scale: true, causal: true }).weights;
      const probs = tracedProbs(ma, layer, head);
      ours.forEach((r, i) => r.forEach((w, j) => (worst = Math.max(worst, Math.abs(w - probs[i][j])))));
    }
  return worst;
}

describe("on a freshly initialised model (2 layers, 2 heads, 16 channels)", () => {
  it("our weights equal the traced attn_probs, and tracing leaves no tensors behind", () => {
    const model = createModel({ ...defaultGPTConfig, nLayer: 2, nHead: 2, nEmbd: 16, blockSize: 8, vocabSize: 11, dropout: 0, bias: true }, 7);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) expect(maxDiff(model, [1, 5, 3, 9, 0, 2])).toBeLessThan(1e-6);
    expect(tf.memory().numTensors).toBe(before);
    disposeModel(model);
  });
  it("refuses more tokens than blockSize, naming both numbers", () => {
    const model = createModel({ ...defaultGPTConfig, nLayer: 1, nHead: 1, nEmbd: 8, blockSize: 4, vocabSize: 5, dropout: 0, bias: false }, 1);
    expect(() => traceAttention(model, [0, 1, 2, 3, 4])).toThrow("The model reads 1–4 tokens at once, got 5.");
    expect(maxDiff(model, [0, 1, 2, 3])).toBeLessThan(1e-6); // no biases: c_attn.bias is absent
    disposeModel(model);
  });
});

describe("the pretrained model (moby-char: 3 layers, 4 heads, 64 channels, blockSize 64)", () => {
  let model: GPTModel & { meta: { tokenizer?: unknown } };
  let tok: Tokenizer;
  beforeAll(async () => {
    model = await loadCheckpoint(readFileSync(join(__dirname, "../../public/models/moby-char.safetensors")));
    tok = await tokenizerFromSpec(model.meta.tokenizer as TokenizerSpec);
  });

  it("softmax(masked scaled scores) from ln_1_out and c_attn equals the traced attn_probs within 1e-5, every layer and head", () => {
    const enc = encodeForModel("Call me Ishmael. Some years ago", tok, model.config.blockSize);
    if (!enc.ok) throw new Error(enc.error);
    const before = tf.memory().numTensors;
    expect(maxDiff(model, enc.ids)).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("the weight the browser test reads: 'Call me Ishmael.', layer 1, head 2, query 'I' (#8) gives most, 0.2105, to the 'e' of 'me' (#6)", () => {
    const enc = encodeForModel("Call me Ishmael.", tok, model.config.blockSize);
    if (!enc.ok) throw new Error(enc.error);
    const ma = traceAttention(model, enc.ids);
    expect(enc.ids.map((id) => tokenLabel(tok, id)).join("")).toBe("Call␣me␣Ishmael.");
    const w = tracedProbs(ma, 1, 2)[8];
    const order = w.map((x, j) => ({ x, j })).sort((a, b) => b.x - a.x);
    // the same numbers tests/e2e/lesson-attention.spec.ts expects in the browser (E2E_TOP_KEY, E2E_TOP_W)
    expect(order[0].j).toBe(6);
    expect(order[0].x.toFixed(4)).toBe("0.2105");
    expect(order[0].x - order[1].x).toBeGreaterThan(0.01); // a clear winner, so backends cannot swap the order
    expect(w.slice(9).every((x) => x === 0)).toBe(true); // the causal mask: nothing after "I"
  });

  it("what the lesson says about the heads: layer 0 looks at the last three characters, later layers wider, L2H0 at spaces", () => {
    // the first 64 characters of three Moby-Dick sentences; rows 8.. so each row has a past to look at
    const texts = ["Call me Ishmael. Some years ago--never mind how long precisely--hav", "It is a way I have of driving off the spleen and regulating the ci", "There now is your insular city of the Manhattoes, belted round by w"];
    const stats = (layer: number, head: number) => {
      let recent = 0, spaces = 0, share = 0, n = 0;
      for (const text of texts) {
        const enc = encodeForModel(text, tok, 64);
        if (!enc.ok) throw new Error(enc.error);
        const isSpace = enc.ids.map((id) => tok.decode([id]) === " ");
        const p = tracedProbs(traceAttention(model, enc.ids), layer, head);
        for (let i = 8; i < p.length; i++, n++) {
          recent += p[i][i] + p[i][i - 1] + p[i][i - 2];
          spaces += p[i].reduce((s, x, j) => s + (isSpace[j] ? x : 0), 0);
          share += isSpace.slice(0, i + 1).filter(Boolean).length / (i + 1);
        }
      }
      return { recent: recent / n, spaces: spaces / n, share: share / n };
    };
    const recent = [0, 1, 2].map((l) => [0, 1, 2, 3].map((h) => stats(l, h).recent));
    expect(recent[0].map((r) => r.toFixed(2))).toEqual(["0.65", "0.80", "0.60", "0.79"]); // "65%, 80%, 60% and 79%"
    for (const r of [...recent[1], ...recent[2]]) expect(r).toBeLessThan(0.2); // "less than 20%"
    const s = stats(2, 0);
    expect([s.spaces.toFixed(2), s.share.toFixed(2)]).toEqual(["0.37", "0.22"]); // "37% … 22%"
  });

  it("text longer than blockSize keeps the last 64 characters; unknown characters are a clear error", () => {
    const long = "abcdefghij".repeat(8); // 80 characters
    const enc = encodeForModel(long, tok, 64);
    expect(enc).toMatchObject({ ok: true, dropped: 16 });
    expect(enc.ok && tok.decode(enc.ids)).toBe(long.slice(16));
    const bad = encodeForModel("猫", tok, 64);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('Character "猫" (U+732B) at position 0 is not in this character vocabulary');
    expect(encodeForModel("", tok, 64)).toEqual({ ok: false, error: "empty" });
  });
});
