import { describe, expect, it } from "vitest";
import { TrainingSession } from "../../src/workers/session";
import { applyReply, initialRunState, nextBackend, rewindRunState, type RunState } from "../../src/lab/runState";
import type { Reply, Request } from "../../src/workers/protocol";
import { resolveConfig } from "../../src/core/config";

const step = (iter: number): Reply => ({ type: "step", iter, loss: 4 - iter / 10, lr: 1e-3, gradNorm: 1, ms: 10, tokensPerSec: 100 });

describe("recovering from a fault", () => {
  it("rewinds the charts to the checkpoint's step, so the resumed steps are not drawn twice", () => {
    // steps 0..9 with evals at 0, 5 and 9, samples at 4 and 8; the last checkpoint was taken after 6 steps
    let s = initialRunState;
    for (let i = 0; i < 10; i++) s = applyReply(s, step(i));
    for (const i of [0, 5, 9]) s = applyReply(s, { type: "eval", iter: i, train: 3, val: 3.1 });
    for (const i of [4, 8]) s = applyReply(s, { type: "sample", iter: i, text: `at ${i}` });
    const r = rewindRunState(s, 6);
    expect(r.iter).toBe(6);
    expect(r.steps.iter).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.steps.loss).toEqual([4, 3.9, 3.8, 3.7, 3.6, 3.5]);
    expect(r.evals.iter).toEqual([0, 5]);
    expect(r.samples.map((x) => x.iter)).toEqual([4]);
    // the resumed worker's steps then continue the same lines
    const resumed = [6, 7].reduce<RunState>((acc, i) => applyReply(acc, step(i)), r);
    expect(resumed.steps.iter).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("with no checkpoint yet, rewinds to an empty run", () => {
    const s = [0, 1, 2].reduce<RunState>((acc, i) => applyReply(acc, step(i)), initialRunState);
    expect(rewindRunState(s, 0).steps.iter).toEqual([]);
  });

  it("moves a run down the backend order when its GPU is lost", () => {
    expect(nextBackend("webgpu")).toBe("webgl");
    expect(nextBackend("webgl")).toBe("wasm");
    expect(nextBackend("wasm")).toBe("cpu");
    expect(nextBackend("cpu")).toBe("cpu");
    expect(nextBackend("unknown")).toBe("wasm");
  });

  it("a fault reply pauses the run until the new session is ready", () => {
    const s = applyReply({ ...initialRunState, status: "training" }, { type: "fault", kind: "crash", iter: 3, message: "boom" });
    expect(s.status).toBe("paused");
  });

  it("the session refuses to simulate a GPU loss on a backend without a GPU, naming it", async () => {
    const replies: Reply[] = [];
    const session = new TrainingSession((r) => replies.push(r));
    const { train } = resolveConfig("projector", { train: { maxIters: 2, batchSize: 2, warmupIters: 0, lrDecayIters: 2 } });
    const init: Request = { type: "init", text: "abcdefgh".repeat(20), tokenizer: { kind: "char" }, model: { nLayer: 1, nHead: 1, nEmbd: 8, blockSize: 4, dropout: 0, bias: true }, train, backend: "cpu", sampleEvery: 1000 };
    await session.handle(init);
    await session.handle({ type: "simulateFault", fault: "backendLost" });
    const err = replies.find((r) => r.type === "error") as Extract<Reply, { type: "error" }>;
    expect(err.message).toBe("Only the webgl and webgpu backends can lose their GPU; this run is on cpu.");
    await session.handle({ type: "dispose" });
  });

  it("a refused GPU loss on cpu does not pause a run that is training (issue 11, item 9)", async () => {
    const replies: Reply[] = [];
    const session = new TrainingSession((r) => replies.push(r));
    const { train } = resolveConfig("projector", { train: { maxIters: 4, batchSize: 2, warmupIters: 0, lrDecayIters: 4, evalInterval: 100 } });
    await session.handle({ type: "init", text: "abcdefgh".repeat(20), tokenizer: { kind: "char" }, model: { nLayer: 1, nHead: 1, nEmbd: 8, blockSize: 4, dropout: 0, bias: true }, train, backend: "cpu", sampleEvery: 1000 });
    const training = session.handle({ type: "train" });
    await new Promise((r) => setTimeout(r, 0)); // the loop has started
    await session.handle({ type: "simulateFault", fault: "backendLost" });
    await training;
    expect(replies.filter((r) => r.type === "step").map((r) => (r as { iter: number }).iter)).toEqual([0, 1, 2, 3]);
    expect(replies.filter((r) => r.type === "status").map((r) => (r as { status: string }).status)).toEqual(["training", "done"]);
    expect((replies.find((r) => r.type === "error") as Extract<Reply, { type: "error" }>).modelKept).toBe(true);
    await session.handle({ type: "dispose" });
  });
});
