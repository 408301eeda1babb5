import { describe, expect, it } from "vitest";
import * as core from "../../src/core";
import { timeBackendsHere, timeTrainStep } from "../../src/device/stepProbe";

describe("the training-step probe (Node, cpu backend)", () => {
  it("times real steps after a warm-up and leaves no tensors behind", async () => {
    await core.selectBackend({ forced: "cpu" });
    const before = core.tf.memory().numTensors;
    const t = await timeTrainStep("cpu", { maxSteps: 3, timedMs: 0 });
    expect(t.status, t.error).toBe("ok");
    expect(t.steps).toBe(2); // timedMs 0: stops at the minimum of 2 timed steps
    expect(t.msPerStep).toBeGreaterThan(0);
    expect(t.firstStepMs).toBeGreaterThan(0);
    expect(core.tf.memory().numTensors).toBe(before);
  });
  it("reports a backend that cannot start as failed, and returns to the backend in use before", async () => {
    await core.selectBackend({ forced: "cpu" });
    const started: string[] = [];
    const results = await timeBackendsHere(["webgpu", "cpu"], { maxSteps: 2, timedMs: 0 }, { start: (b) => started.push(b), result: () => undefined });
    expect(started).toEqual(["webgpu", "cpu"]);
    expect(results.map((r) => r.status)).toEqual(["failed", "ok"]);
    expect(results[0].error).toMatch(/webgpu|navigator|gpu/i);
    expect(core.tf.getBackend()).toBe("cpu");
  });
});
