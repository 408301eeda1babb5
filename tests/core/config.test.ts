import { describe, expect, it } from "vitest";
import {
  checkTextLength,
  defaultGPTConfig,
  defaultTrainConfig,
  fromNanoGPTArgs,
  presets,
  resolveConfig,
  toNanoGPTArgs,
  validateGPTConfig,
  validateTrainConfig,
  type PresetName,
} from "../../src/core/config";

describe("presets and resolveConfig", () => {
  it.each(Object.keys(presets) as PresetName[])("preset %s resolves and validates", (name) => {
    const { model, train } = resolveConfig(name);
    expect(validateGPTConfig(model)).toEqual(model);
    expect(validateTrainConfig(train)).toEqual(train);
  });

  it("resolves defaults ← preset ← overrides", () => {
    const { model, train } = resolveConfig("nanogpt-cpu", { train: { maxIters: 10 } });
    expect(model).toEqual({ vocabSize: 65, blockSize: 64, nLayer: 4, nHead: 4, nEmbd: 128, dropout: 0, bias: true });
    expect(train).toMatchObject({ batchSize: 12, learningRate: 1e-3, minLr: 1e-4, warmupIters: 100, lrDecayIters: 2000, beta2: 0.99, maxIters: 10 });
    expect(resolveConfig("shakespeare-char").model).toMatchObject({ nLayer: 6, nHead: 6, nEmbd: 384, blockSize: 256, dropout: 0.2 });
    expect(resolveConfig("shakespeare-char").train).toMatchObject({ batchSize: 64, learningRate: 1e-3, maxIters: 5000, lrDecayIters: 5000, minLr: 1e-4, beta2: 0.99, warmupIters: 100 });
    expect(resolveConfig("projector").model).toMatchObject({ nLayer: 2, nHead: 4, nEmbd: 64, blockSize: 32, dropout: 0 });
    expect(resolveConfig("projector").train.batchSize).toBe(32);
    expect(Object.keys(presets)).toEqual(["projector", "nanogpt-cpu", "shakespeare-char"]);
    // a preset object works too, and the defaults are not mutated by resolving
    expect(resolveConfig({ model: { nLayer: 1 }, train: {} }).model.nLayer).toBe(1);
    expect(defaultGPTConfig.nLayer).toBe(4);
  });

  it("names unknown keys and lists the known ones", () => {
    expect(() => resolveConfig("projector", { train: { lr: 1 } as never })).toThrow('Unknown training config key "lr". Known keys: batchSize, learningRate,');
    expect(() => resolveConfig("projector", { model: { n_embd: 64 } as never })).toThrow('Unknown model config key "n_embd". Known keys: vocabSize, blockSize,');
    expect(() => resolveConfig("nope" as PresetName)).toThrow('Unknown preset "nope". Presets: projector, nanogpt-cpu, shakespeare-char.');
    expect(() => validateTrainConfig({ ...defaultTrainConfig, momentum: 0.9 } as never)).toThrow('Unknown training config key "momentum"');
  });
});

describe("errors name the value and the fix", () => {
  const model = (o: object) => () => validateGPTConfig({ ...defaultGPTConfig, ...o });
  const train = (o: object) => () => validateTrainConfig({ ...defaultTrainConfig, ...o });

  it("model config", () => {
    expect(() => resolveConfig("projector", { model: { nEmbd: 100, nHead: 3 } })).toThrow("nEmbd 100 is not divisible by nHead 3: each head gets nEmbd / nHead channels. Pick nEmbd a multiple of 3 (e.g. 99 or 102).");
    expect(model({ nEmbd: 2, nHead: 3 })).toThrow("Pick nEmbd a multiple of 3 (e.g. 3).");
    expect(model({ nLayer: 0 })).toThrow("nLayer must be at least 1, got 0.");
    expect(model({ vocabSize: -5 })).toThrow("vocabSize must be at least 1, got -5.");
    expect(model({ blockSize: 3.5 })).toThrow('Config key "blockSize" needs a whole number, got 3.5.');
    expect(model({ nLayer: undefined })).toThrow('Config key "nLayer" needs a number, got undefined.');
    expect(model({ nEmbd: "64" })).toThrow('Config key "nEmbd" needs a number, got "64".');
    expect(model({ nHead: NaN })).toThrow('Config key "nHead" needs a number, got NaN.');
    expect(model({ dropout: 1 })).toThrow("dropout must be in [0, 1), got 1. 0 turns it off.");
    expect(model({ dropout: -0.1 })).toThrow("dropout must be in [0, 1), got -0.1.");
    expect(model({ bias: "yes" })).toThrow('bias must be true or false, got "yes".');
  });

  it("training config", () => {
    expect(train({ batchSize: 0 })).toThrow("batchSize must be at least 1, got 0.");
    expect(train({ learningRate: 0 })).toThrow("learningRate must be above 0, got 0.");
    expect(train({ minLr: 2e-3 })).toThrow("minLr 0.002 must be between 0 and learningRate 0.001.");
    expect(train({ beta2: 1 })).toThrow("beta2 must be in [0, 1), got 1.");
    expect(train({ gradClip: -1 })).toThrow("gradClip must be 0 (off) or more, got -1.");
    expect(train({ weightDecay: -0.1 })).toThrow("weightDecay must be 0 or more, got -0.1.");
    expect(train({ gradAccumSteps: 1.5 })).toThrow('Config key "gradAccumSteps" needs a whole number, got 1.5.');
    expect(train({ warmupIters: 2000, lrDecayIters: 2000 })).toThrow("warmupIters 2000 must be below lrDecayIters 2000, or the schedule never decays.");
  });

  it("a text must hold blockSize + 1 tokens", () => {
    expect(() => checkTextLength(20, 32)).toThrow("The text has 20 tokens, but training needs at least blockSize + 1 = 33. Use a longer text or a smaller blockSize.");
    expect(() => checkTextLength(33, 32)).not.toThrow();
  });
});

describe("nanoGPT's model_args", () => {
  it("round-trips, with nanoGPT's key names", () => {
    const c = resolveConfig("shakespeare-char", { model: { vocabSize: 65 } }).model;
    const args = toNanoGPTArgs(c);
    expect(args).toEqual({ n_layer: 6, n_head: 6, n_embd: 384, block_size: 256, bias: true, vocab_size: 65, dropout: 0.2 });
    expect(fromNanoGPTArgs(args)).toEqual(c);
  });
  it("validates what it reads", () => {
    expect(() => fromNanoGPTArgs({ n_layer: 2, n_head: 3, n_embd: 16, block_size: 8, bias: true, vocab_size: 11, dropout: 0 })).toThrow("nEmbd 16 is not divisible by nHead 3");
  });
});
