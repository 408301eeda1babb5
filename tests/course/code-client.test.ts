import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CodeReply, CodeRequest } from "../../src/workers/codeProtocol";
import type { RunResult } from "../../src/course/code/values";

/**
 * The page's side of the runners (src/workers/codeClient.ts) with a fake Worker and fake timers: the time limit,
 * what is terminated when, and Python's interrupt. The real workers run in tests/e2e/code-exercises.spec.ts.
 */
class FakeWorker {
  static made: FakeWorker[] = [];
  sent: CodeRequest[] = [];
  terminated = false;
  private listeners: Record<string, ((e: unknown) => void)[]> = {};
  constructor() {
    FakeWorker.made.push(this);
  }
  addEventListener(type: string, fn: (e: unknown) => void) {
    (this.listeners[type] ??= []).push(fn);
  }
  removeEventListener(type: string, fn: (e: unknown) => void) {
    this.listeners[type] = (this.listeners[type] ?? []).filter((f) => f !== fn);
  }
  postMessage(msg: CodeRequest) {
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: CodeReply) {
    for (const fn of this.listeners.message ?? []) fn({ data });
  }
}

const result = (output: string): RunResult => ({ tests: [], output, error: { type: "KeyboardInterrupt", message: "" } });

/** Lets queued promise callbacks run (each run starts after the previous one settles, in a .then). */
const tick = () => vi.advanceTimersByTimeAsync(0);

async function client() {
  vi.resetModules();
  return import("../../src/workers/codeClient");
}

beforeEach(() => {
  FakeWorker.made = [];
  vi.useFakeTimers();
  vi.stubGlobal("Worker", FakeWorker);
  vi.stubGlobal("document", { baseURI: "http://site.test/course/index.html" });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("codeRunner", () => {
  it("sends the code with the site's asset URLs and returns the worker's result", async () => {
    const { codeRunner } = await client();
    const stages: string[] = [];
    const run = codeRunner("js").run("js", "let a = 1;", "check('a', () => a, 1);", 5, (s) => stages.push(s));
    await tick();
    const w = FakeWorker.made[0];
    expect(w.sent[0]).toEqual({
      type: "run", id: 1, lang: "js", code: "let a = 1;", tests: "check('a', () => a, 1);",
      assets: { pyodide: "http://site.test/course/pyodide/", model: "http://site.test/course/models/moby-char.safetensors" },
    });
    w.reply({ type: "status", id: 1, stage: "running" });
    w.reply({ type: "result", id: 1, result: result("hi\n") });
    expect(await run).toEqual({ kind: "result", result: result("hi\n") });
    expect(stages).toEqual(["running"]);
    expect(w.terminated).toBe(false);
  });

  it("terminates a JS run at its limit (counted from 'running', not from startup) and makes a fresh worker next time", async () => {
    const { codeRunner } = await client();
    const run = codeRunner("ts").run("ts", "while (true) {}", "", 2, () => {});
    await tick();
    const w = FakeWorker.made[0];
    await vi.advanceTimersByTimeAsync(60_000); // starting TF.js may take long: not the learner's time
    expect(w.terminated).toBe(false);
    w.reply({ type: "status", id: 1, stage: "running" });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(w.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await run).toEqual({ kind: "timeout", seconds: 2 });
    expect(w.terminated).toBe(true);
    void codeRunner("ts").run("ts", "", "", 2, () => {});
    await tick();
    expect(FakeWorker.made.length).toBe(2);
    expect(FakeWorker.made[1].sent[0].id).toBe(2);
  });

  it("interrupts Python on an isolated page (SIGINT = 2 in the shared buffer), keeps the worker, and shows what it printed", async () => {
    vi.stubGlobal("crossOriginIsolated", true);
    const { codeRunner } = await client();
    const run = codeRunner("python").run("python", "while True: print('x')", "", 10, () => {});
    await tick();
    const w = FakeWorker.made[0];
    const buffer = w.sent[0].interrupt!;
    expect(buffer[0]).toBe(0);
    w.reply({ type: "status", id: 1, stage: "running" });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(buffer[0]).toBe(2);
    w.reply({ type: "result", id: 1, result: result("x\nx\n") });
    expect(await run).toEqual({ kind: "timeout", seconds: 10, output: "x\nx\n" });
    expect(w.terminated).toBe(false);
  });

  it("terminates Python when the interrupt is swallowed (no answer within the grace time)", async () => {
    vi.stubGlobal("crossOriginIsolated", true);
    const { codeRunner } = await client();
    const run = codeRunner("python").run("python", "while True:\n    try: pass\n    except: pass", "", 3, () => {});
    await tick();
    const w = FakeWorker.made[0];
    w.reply({ type: "status", id: 1, stage: "running" });
    await vi.advanceTimersByTimeAsync(3_000 + 1_500);
    expect(await run).toEqual({ kind: "timeout", seconds: 3 });
    expect(w.terminated).toBe(true);
  });

  it("without cross-origin isolation Python gets no interrupt buffer and is terminated; Stop ends a run too", async () => {
    const { codeRunner } = await client();
    const run = codeRunner("python").run("python", "x", "", 3, () => {});
    await tick();
    const w = FakeWorker.made[0];
    expect(w.sent[0].interrupt).toBeUndefined();
    w.reply({ type: "status", id: 1, stage: "loading" });
    codeRunner("python").stop();
    expect(await run).toEqual({ kind: "stopped" });
    expect(w.terminated).toBe(true);
  });

  it("runs one at a time: a second Run waits for the first", async () => {
    const { codeRunner } = await client();
    const first = codeRunner("js").run("js", "1", "", 5, () => {});
    const second = codeRunner("js").run("js", "2", "", 5, () => {});
    await tick();
    const w = FakeWorker.made[0];
    expect(w.sent.map((m) => m.code)).toEqual(["1"]);
    w.reply({ type: "result", id: 1, result: result("") });
    await first;
    await tick();
    expect(w.sent.map((m) => m.code)).toEqual(["1", "2"]);
    w.reply({ type: "result", id: 2, result: result("two") });
    expect(await second).toEqual({ kind: "result", result: result("two") });
  });
});
