import { describe, expect, it } from "vitest";
import { sampleStart, TrainingSession } from "../../src/workers/session";
import { CharTokenizer } from "../../src/core";
import { applyReply, initialRunState, type RunState } from "../../src/lab/runState";
import type { Reply, Request } from "../../src/workers/protocol";
import { resolveConfig } from "../../src/core/config";

/** The worker's session, driven in Node on the cpu backend exactly as the page drives it. */
function harness() {
  const replies: Reply[] = [];
  const session = new TrainingSession((r) => replies.push(r));
  return { replies, send: (req: Request) => session.handle(req) };
}

const text = "the cat sat on the mat. the dog sat on the log. ".repeat(40);
const { train } = resolveConfig("projector", { train: { maxIters: 6, evalInterval: 3, evalIters: 2, batchSize: 4, warmupIters: 1, lrDecayIters: 6 } });
const init: Request = { type: "init", text, tokenizer: { kind: "char" }, model: { nLayer: 1, nHead: 2, nEmbd: 16, blockSize: 8, dropout: 0, bias: true }, train, backend: "cpu", sampleEvery: 1000 };

describe("TrainingSession", () => {
  it("builds, trains to maxIters with evals, and the reducer shows it", async () => {
    const h = harness();
    await Promise.all([h.send(init), h.send({ type: "train" })]); // train is queued behind init
    const state = h.replies.reduce<RunState>(applyReply, initialRunState);
    const ready = h.replies.find((r) => r.type === "ready") as Extract<Reply, { type: "ready" }>;
    expect(ready.vocabSize).toBe(new Set(text).size); // 15 characters: "the cat sat on the mat. dog log"
    expect(state.status).toBe("done");
    expect(state.steps.iter).toEqual([0, 1, 2, 3, 4, 5]);
    expect(state.evals.iter).toEqual([0, 3, 5]);
    expect(state.iter).toBe(6);
    await h.send({ type: "dispose" });
  });

  it("explains a text too short for one window, and a queued train stays quiet", async () => {
    const h = harness();
    await Promise.all([h.send({ ...init, text: "tiny" } as Request), h.send({ type: "train" })]);
    const errors = h.replies.filter((r) => r.type === "error");
    expect(errors).toHaveLength(1);
    expect((errors[0] as { message: string }).message).toContain("blockSize + 1 = 9");
  });

  it("saves a checkpoint and resumes from it at the same step", async () => {
    const h = harness();
    await h.send(init);
    await h.send({ type: "step" });
    await h.send({ type: "step" });
    await h.send({ type: "checkpoint", reason: "download" });
    const ck = h.replies.find((r) => r.type === "checkpoint") as Extract<Reply, { type: "checkpoint" }>;
    expect(ck.iter).toBe(2);
    const h2 = harness();
    await h2.send({ ...init, checkpoint: ck.bytes } as Request);
    expect((h2.replies.find((r) => r.type === "ready") as Extract<Reply, { type: "ready" }>).iter).toBe(2);
  });

  it("streams generated text, greedy and beam search alike", async () => {
    const h = harness();
    await h.send(init);
    const opts = { prompt: "the ", maxNewTokens: 5, temperature: 1, topK: 0, topP: 1, greedy: true, beamWidth: 1, lengthPenalty: 1, seed: 1 };
    await h.send({ type: "generate", id: 1, options: opts });
    await h.send({ type: "generate", id: 2, options: { ...opts, beamWidth: 2 } });
    const text1 = h.replies.filter((r): r is Extract<Reply, { type: "token" }> => r.type === "token" && r.id === 1).map((r) => r.text).join("");
    const text2 = h.replies.filter((r): r is Extract<Reply, { type: "token" }> => r.type === "token" && r.id === 2).map((r) => r.text).join("");
    expect([...text1]).toHaveLength(5);
    expect([...text2]).toHaveLength(5);
    expect(h.replies.filter((r) => r.type === "generated").map((r) => (r as { id: number }).id)).toEqual([1, 2]);
  });
});

describe("faults", () => {
  it("a NaN loss pauses training, explains it, and goes back to the last good checkpoint; a lower lr then trains on", async () => {
    const h = harness();
    await h.send(init);
    await h.send({ type: "step" });
    await h.send({ type: "step" });
    await h.send({ type: "checkpoint", reason: "autosave" }); // the last good state: step 2
    await h.send({ type: "configure", train: { ...train, learningRate: 1e30, minLr: 0 } }); // float32 overflows
    await h.send({ type: "train" });
    const error = h.replies.find((r) => r.type === "error") as { message: string };
    expect(error.message).toMatch(/^The loss became NaN at step \d+ with learning rate .*the learning rate is probably too high\). Training paused and the model went back to step 2\./);
    const state = h.replies.reduce<RunState>(applyReply, initialRunState);
    expect(state.status).toBe("paused");
    expect(state.iter).toBe(2);
    await h.send({ type: "configure", train });
    await h.send({ type: "step" });
    const last = h.replies.filter((r): r is Extract<Reply, { type: "step" }> => r.type === "step").pop()!;
    expect(last.iter).toBe(2); // the step after the restored one
    expect(Number.isFinite(last.loss)).toBe(true);
  });
});

describe("download and load back", () => {
  it("a downloaded checkpoint loads back to the same evaluation losses", async () => {
    const h = harness();
    await h.send(init);
    for (let i = 0; i < 3; i++) await h.send({ type: "step" });
    await h.send({ type: "checkpoint", reason: "download" });
    const before = h.replies.filter((r) => r.type === "eval").pop() as Extract<Reply, { type: "eval" }>;
    const ck = h.replies.find((r) => r.type === "checkpoint") as Extract<Reply, { type: "checkpoint" }>;
    const h2 = harness();
    await h2.send({ ...init, checkpoint: ck.bytes } as Request);
    const after = h2.replies.find((r) => r.type === "eval") as Extract<Reply, { type: "eval" }>;
    expect(after).toEqual(before);
  });
});

describe("issue 11: the session keeps runs and explains bad input", () => {
  it("item 4: samples start from a newline where the vocabulary has one, else from token 0", () => {
    expect(sampleStart(CharTokenizer.fromText("\tab\n"))).toBe(1); // sorted: tab, newline, a, b
    expect(sampleStart(CharTokenizer.fromText("call me ishmael"))).toBe(0); // no newline: the space, token 0
  });

  it("item 3: a NaN right after loading a checkpoint goes back to that checkpoint's step, not to fresh weights", async () => {
    const h = harness();
    await h.send(init);
    for (let i = 0; i < 3; i++) await h.send({ type: "step" });
    await h.send({ type: "checkpoint", reason: "download" });
    const ck = h.replies.find((r) => r.type === "checkpoint") as Extract<Reply, { type: "checkpoint" }>;
    const h2 = harness();
    await h2.send({ ...init, checkpoint: ck.bytes } as Request); // Resume at step 3: no checkpoint taken since
    await h2.send({ type: "configure", train: { ...train, learningRate: 1e30, minLr: 0 } });
    await h2.send({ type: "train" });
    const error = h2.replies.find((r) => r.type === "error") as Extract<Reply, { type: "error" }>;
    // the step counter showed 3 (steps done); the step that diverged is the 4th
    // steps 4 (iter 3) makes the weights NaN with lr 1e30; the loss of step 5 shows it
    expect(error.message).toMatch(/^The loss became NaN at step 5 with learning rate .* Training paused and the model went back to step 3\. Lower learningRate/);
    expect(error.modelKept).toBe(true);
    const state = h2.replies.reduce<RunState>(applyReply, initialRunState);
    expect(state.status).toBe("paused");
    expect(state.iter).toBe(3);
    await h2.send({ type: "dispose" });
  });

  it("item 4: a text without a newline samples from token 0 and keeps training past the sample", async () => {
    const h = harness();
    const noNewline = "abcab cba bca ".repeat(40);
    await Promise.all([h.send({ ...init, text: noNewline, sampleEvery: 2 } as Request), h.send({ type: "train" })]);
    expect(h.replies.filter((r) => r.type === "error")).toEqual([]);
    const samples = h.replies.filter((r): r is Extract<Reply, { type: "sample" }> => r.type === "sample");
    expect(samples.map((x) => x.iter)).toEqual([2, 4]); // steps 0..5, a sample after steps 2 and 4
    expect(samples[0].text).toMatch(/^[abc ]{120}$/); // 120 new characters, all from the text's vocabulary
    expect((h.replies.filter((r) => r.type === "status").pop() as Extract<Reply, { type: "status" }>).status).toBe("done");
  });

  it("item 6: a prompt with characters outside the vocabulary is rejected by name; the model stays", async () => {
    const h = harness();
    await h.send(init);
    const opts = { prompt: "the 🐳 sat Q", maxNewTokens: 3, temperature: 1, topK: 0, topP: 1, greedy: true, beamWidth: 1, lengthPenalty: 1, seed: 1 };
    await h.send({ type: "generate", id: 1, options: opts });
    // the text's 14 characters: t h e c a s o n m d g l, the space and the full stop
    expect(h.replies.filter((r) => r.type === "promptRejected")).toEqual([{ type: "promptRejected", id: 1, unknown: ["🐳", "Q"], vocabSize: 14 }]);
    expect(h.replies.filter((r) => r.type === "error")).toEqual([]);
    await h.send({ type: "step" }); // the run goes on
    expect(h.replies.filter((r) => r.type === "step")).toHaveLength(1);
  });

  it("item 9: a one-character text is explained, not an engine error", async () => {
    const h = harness();
    await h.send({ ...init, text: "a".repeat(100) } as Request);
    const err = h.replies.find((r) => r.type === "error") as Extract<Reply, { type: "error" }>;
    expect(err.message).toBe('The text has only one distinct character ("a"): a model needs at least two to learn anything. Use a text with more variety.');
  });

  it("an unexpected error while training pauses the run with its reason (never a silent stop)", async () => {
    const h = harness();
    await h.send(init);
    await h.send({ type: "configure", train: { ...train, batchSize: -1 } });
    expect(h.replies.filter((r) => r.type === "error").map((r) => (r as { message: string }).message)).toEqual(["batchSize must be at least 1, got -1."]);
    expect((h.replies.find((r) => r.type === "error") as Extract<Reply, { type: "error" }>).modelKept).toBe(true);
  });
});

describe("issue 11, item 9: a checkpoint trained on another text", () => {
  it("names the characters the checkpoint's model has never seen, instead of an engine error", async () => {
    const h = harness();
    await h.send(init);
    await h.send({ type: "checkpoint", reason: "download" });
    const ck = h.replies.find((r) => r.type === "checkpoint") as Extract<Reply, { type: "checkpoint" }>;
    const h2 = harness();
    await h2.send({ ...init, text: "Call me Ishmael. ".repeat(20), checkpoint: ck.bytes } as Request);
    const err = h2.replies.find((r) => r.type === "error") as Extract<Reply, { type: "error" }>;
    // the checkpoint's 14 characters are t h e c a s o n m d g l, space and "."; "Call me Ishmael. " adds "C" and "I"
    expect(err.message).toBe('This checkpoint\'s model knows 14 characters, but the chosen text has 2 it has never seen ("C", "I"). Pick the text the checkpoint was trained on.');
  });
});

describe("issue 11: no tensors leak across a Load, a NaN restore and a dispose", () => {
  it("tf.memory().numTensors returns to where it started", async () => {
    const { tf } = await import("../../src/core");
    const h = harness();
    await h.send(init);
    await h.send({ type: "step" });
    await h.send({ type: "checkpoint", reason: "download" });
    const ck = h.replies.find((r) => r.type === "checkpoint") as Extract<Reply, { type: "checkpoint" }>;
    await h.send({ type: "dispose" });
    const before = tf.memory().numTensors;
    const h2 = harness();
    await h2.send({ ...init, checkpoint: ck.bytes } as Request);
    await h2.send({ type: "configure", train: { ...train, learningRate: 1e30, minLr: 0 } });
    await h2.send({ type: "train" }); // diverges, restores the loaded checkpoint
    expect(h2.replies.some((r) => r.type === "error")).toBe(true);
    await h2.send({ type: "dispose" });
    expect(tf.memory().numTensors).toBe(before);
  });
});
