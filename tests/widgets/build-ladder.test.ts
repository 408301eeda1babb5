import { describe, expect, it } from "vitest";
import { applyLadderReply, initialView, lossAxis, startView, toPercent } from "../../src/widgets/build-ladder/ladder";

const result = (id: "bigram" | "head", val: number) => ({ id, params: 1, train: val + 0.01, val, seconds: 1 });

describe("BuildLadder's reducer", () => {
  it("follows a run: ready, a rung's steps (with a smoothed loss), its result, a stop, and a resume", () => {
    let v = startView(initialView);
    expect(v.phase).toBe("starting");
    v = applyLadderReply(v, { type: "ready", backend: "wasm", vocabSize: 83, lnVocab: Math.log(83), baseline: 2.4655 });
    expect([v.phase, v.backend, v.baseline]).toEqual(["running", "wasm", 2.4655]);
    v = applyLadderReply(v, { type: "rung-start", id: "bigram", index: 0 });
    v = applyLadderReply(v, { type: "step", id: "bigram", step: 0, loss: 4.4 });
    v = applyLadderReply(v, { type: "step", id: "bigram", step: 5, loss: 3.4 });
    expect(v.current?.smooth).toBeCloseTo(0.9 * 4.4 + 0.1 * 3.4, 12); // 4.3
    expect(v.current?.loss).toBe(3.4);
    v = applyLadderReply(v, { type: "rung", result: result("bigram", 3.0) });
    expect(v.current).toBeUndefined();
    v = applyLadderReply(v, { type: "rung-start", id: "head", index: 1 });
    v = applyLadderReply(v, { type: "stopped" });
    expect([v.phase, v.results.length, v.current]).toEqual(["stopped", 1, undefined]);
    v = startView(v); // resume keeps the finished rung
    expect(v.results.map((r) => r.id)).toEqual(["bigram"]);
    v = applyLadderReply(v, { type: "rung", result: result("head", 2.9) });
    v = applyLadderReply(v, { type: "rung", result: result("head", 2.8) }); // a rung measured again replaces the old one
    expect(v.results.map((r) => [r.id, r.val])).toEqual([["bigram", 3.0], ["head", 2.8]]);
    v = applyLadderReply(v, { type: "done" });
    expect(v.phase).toBe("done");
    v = applyLadderReply(v, { type: "error", message: "boom" });
    expect([v.phase, v.error]).toEqual(["error", "boom"]);
  });

  it("puts every loss on an axis of half-units that holds ln V and the lowest loss", () => {
    expect(lossAxis([2.1, 4.4188])).toEqual([2, 4.5]);
    expect(lossAxis([2.41, 2.47, 4.4188])).toEqual([2, 4.5]);
    expect(lossAxis([1.85, 4.6])).toEqual([1.5, 5]);
    expect(lossAxis([NaN])).toEqual([1.5, 4.5]);
    expect(toPercent(3.25, [2, 4.5])).toBe(50);
    expect(toPercent(9, [2, 4.5])).toBe(100);
    expect(toPercent(0, [2, 4.5])).toBe(0);
  });
});
