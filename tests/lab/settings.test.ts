import { describe, expect, it } from "vitest";
import { badLinkValues, labSchema, memoryProblem, settingProblems, trainingMemoryLimit, type LabSettings } from "../../src/lab/settings";
import { trainingBytesFor } from "../../src/lab/modelSize";

const defaults = Object.fromEntries(Object.entries(labSchema).map(([k, v]) => [k, v.default])) as LabSettings;
const GB = 2 ** 30;

describe("settings problems (issue 11, items 7 and 9)", () => {
  it("the defaults have none", () => {
    expect(settingProblems(defaults, 4 * GB)).toEqual({});
  });
  it("names a value typed past its range, and says nothing of the combinations then", () => {
    expect(settingProblems({ ...defaults, nLayer: 1e9 }, 4 * GB)).toEqual({ nLayer: "nLayer 1000000000 is above 24, the largest the lab builds." });
    expect(settingProblems({ ...defaults, learningRate: -1 }, 4 * GB)).toEqual({ learningRate: "learningRate -1 is below 0.000001, the smallest the lab takes." }); // no "minLr ≤ −1"
    expect(settingProblems({ ...defaults, nLayer: -1 }, 4 * GB)).toEqual({ nLayer: "nLayer -1 is below 1, the smallest the lab builds." });
    expect(settingProblems({ ...defaults, nLayer: 2.5 }, 4 * GB)).toEqual({ nLayer: "nLayer must be a whole number, got 2.5." });
  });
  it("refuses a model too large for the device, with the estimate in GB", () => {
    const big = { ...defaults, preset: "custom" as const, nLayer: 24, nHead: 32, nEmbd: 2048, blockSize: 2048, batchSize: 1024 };
    // Moby-Dick has 83 characters (modelSize.ts); the estimate is modelSize's trainingBytesFor
    const bytes = trainingBytesFor({ vocabSize: 83, blockSize: 2048, nLayer: 24, nHead: 32, nEmbd: 2048, bias: true }, 1024).total;
    expect(bytes / GB).toBeGreaterThan(40_000);
    expect(memoryProblem(big, undefined, 4 * GB)).toEqual({ gb: Math.round(bytes / GB), limitGb: 4 });
    expect(settingProblems(big, 4 * GB).memory).toBe(`About ${Math.round(bytes / GB).toLocaleString("en-US")} GB to train: too large for this device (about 4 GB here).`);
    expect(memoryProblem(defaults, undefined, 4 * GB)).toBeNull();
  });
  it("the device limit is half its memory, between 1 and 4 GB", () => {
    expect(trainingMemoryLimit(8)).toBe(4 * GB);
    expect(trainingMemoryLimit(4)).toBe(2 * GB);
    expect(trainingMemoryLimit(0.5)).toBe(1 * GB);
    expect(trainingMemoryLimit(undefined)).toBe(4 * GB);
  });
});

describe("bad link values (issue 11, item 9)", () => {
  it("names each value the lab replaced, with its range", () => {
    const params = new URLSearchParams("lab.nLayer=0&lab.seed=abc&lab.nHead=4&lab.corpus=poems&lab.bias=yes&other.x=1");
    expect(badLinkValues(labSchema, params, "lab")).toEqual([
      { key: "lab.corpus", raw: "poems", name: "corpus", range: "moby-dick, first-names, course-ja, own" },
      { key: "lab.nLayer", raw: "0", name: "nLayer", range: "1 to 24" },
      { key: "lab.bias", raw: "yes", name: "bias", range: "1 or 0" },
      { key: "lab.seed", raw: "abc", name: "seed", range: "0 to 2147483647" },
    ]);
    expect(badLinkValues(labSchema, new URLSearchParams("lab.nLayer=3&lab.learningRate=1e-3"), "lab")).toEqual([]);
  });
});

describe("the setting messages in the reader's language", () => {
  it("the page's translator gets each message's key and values: Japanese for nLayer 1e9 and nEmbd 100 / nHead 3", async () => {
    const { labProblemsJa } = await import("../../src/i18n/lessons/labProblems");
    const ja = (key: keyof typeof labProblemsJa, params: Record<string, string | number>) => labProblemsJa[key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));
    expect(settingProblems({ ...defaults, nLayer: 1e9 }, 4 * GB, ja)).toEqual({ nLayer: "nLayer が 1000000000 です。ラボが作れるのは 24 までです。" });
    expect(settingProblems({ ...defaults, nEmbd: 100, nHead: 3 }, 4 * GB, ja).nEmbd).toBe(
      "nEmbd 100 は nHead 3 で割り切れません。各ヘッドは nEmbd / nHead 個のチャネルを受け持つからです。99 か 102 を試してください。",
    );
    // and English stays what it was
    expect(settingProblems({ ...defaults, nEmbd: 100, nHead: 3 }, 4 * GB).nEmbd).toBe("nEmbd 100 is not divisible by nHead 3: each head gets nEmbd / nHead channels. Try 99 or 102.");
  });
});
