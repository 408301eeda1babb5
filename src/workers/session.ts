/**
 * One training session: the lab's data, tokenizer, model and optimizer, driven by protocol Requests and
 * reporting through `post`. It runs inside the training worker, or on the main thread when workers are
 * unavailable (client.ts); either way it awaits a macrotask between steps so "pause" and "stop" get through.
 */
import * as core from "../core";
import type { Tokenizer } from "../core";
import type { GenerateOptions, Reply, Request, TokenizerChoice } from "./protocol";
import { checkCheckpointHeader, checkTokenizerSpec } from "./checkpointGuard";
import { labErrorEn, type LabErrorCode } from "../i18n/lessons/labErrors";

type Post = (reply: Reply, transfer?: Transferable[]) => void;
/** An error a learner caused, with its code and values (src/i18n/lessons/labErrors.ts) and the English message. */
const fail = (code: LabErrorCode, values: Record<string, string | number> = {}) => new core.DojoError(code, values, labErrorEn(code, values));
const WEBGL_LOST = labErrorEn("webglLost");
/** The WebGL context or WebGPU device behind the active TF.js backend (whichever it has). */
function gpuOf(): { gl?: WebGLRenderingContext; device?: GPUDevice } {
  const b = core.tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext }; device?: GPUDevice };
  return { gl: b.gpgpu?.gl, device: b.device };
}
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * The token a sample (or an empty prompt) starts from: a newline where the vocabulary has one, as nanoGPT's
 * sample.py starts from "\n"; otherwise token 0. Example: a character vocabulary without "\n" starts from 0.
 */
export function sampleStart(tok: Tokenizer): number {
  if (tok instanceof core.CharTokenizer) {
    const i = tok.chars.indexOf("\n");
    return i >= 0 ? i : 0;
  }
  const ids = tok.encode("\n"); // byte-level tokenizers always have it
  return ids.length === 1 ? ids[0] : 0;
}

export class TrainingSession {
  private model?: core.GPTModel;
  private opt?: core.AdamW;
  private tok?: Tokenizer;
  private splits?: { train: core.TokenArray; val: core.TokenArray };
  private train?: core.TrainConfig;
  private rng = new core.Random(1337);
  private iter = 0;
  private running = false;
  private sampleEvery = 50;
  private generating = new Set<number>();
  private backend: core.Backend = "cpu";
  private initFailed = false; // a "train" queued behind a failed "init" stays quiet: the init error says why
  /** Set when the GPU behind the backend went away: the loop stops and errors after it are not reported twice. */
  private lost: string | null = null;

  constructor(private post: Post, private wasmPaths?: core.WasmPaths) {}

  private queue: Promise<void> = Promise.resolve();
  private pendingCheckpoints: ("autosave" | "download" | "pause")[] = [];

  /**
   * Requests run one at a time, in order (a "train" sent right after "init" waits for the model), except
   * the ones that must reach a running loop: pause and stopGenerate set flags at once, and a checkpoint
   * asked for while training is taken by the loop between two steps, so it never mixes two steps' weights.
   */
  handle(req: Request): Promise<void> {
    if (req.type === "pause" || req.type === "stopGenerate" || req.type === "simulateFault") return this.dispatch(req);
    if (req.type === "checkpoint" && this.running) {
      this.pendingCheckpoints.push(req.reason);
      return Promise.resolve();
    }
    this.queue = this.queue.then(() => this.dispatch(req));
    return this.queue;
  }

  private async dispatch(req: Request): Promise<void> {
    try {
      switch (req.type) {
        case "init":
          this.initFailed = true;
          await this.init(req);
          this.initFailed = false;
          return;
        case "configure":
          this.train = core.validateTrainConfig(req.train);
          return;
        case "train":
          return await this.run(Infinity);
        case "step":
          return await this.run(1);
        case "pause":
          this.running = false;
          return;
        case "generate":
          return await this.generate(req.id, req.options);
        case "stopGenerate":
          this.generating.delete(req.id);
          return;
        case "checkpoint":
          return await this.checkpoint(req.reason);
        case "dispose":
          return this.dispose();
        case "simulateFault":
          return this.simulateFault(req.fault);
      }
    } catch (e) {
      // a failed request stops the training loop only if it came from the loop (train, step); a refused
      // simulateFault or a bad configure leaves a running loop alone
      const stopped = (req.type === "train" || req.type === "step") && this.running;
      if (stopped) this.running = false;
      if (await this.gpuLost()) return; // a kernel failing on a lost context: the fault reply says what happened
      const modelKept = Boolean(this.model) && req.type !== "init";
      const { message, code, values } = core.errorInfo(e);
      this.post({ type: "error", message, during: req.type, modelKept, ...(code ? { code, values } : {}) });
      if (modelKept && stopped) this.post({ type: "status", status: "paused", iter: this.iter });
    }
  }

  private async makeTokenizer(choice: TokenizerChoice, text: string): Promise<Tokenizer> {
    if (choice.kind === "char") return core.CharTokenizer.fromText(text);
    if (choice.kind === "gpt2") return core.loadTiktoken("gpt2");
    const bpe = new core.RegexTokenizer();
    // a BPE of a whole 1 MB book takes a while: train on its first 200k characters, with progress
    const sample = text.slice(0, 200_000);
    await bpe.trainAsync(sample, choice.vocabSize, { onProgress: (done, total) => this.post({ type: "progress", phase: "tokenizer", done, total }) });
    return bpe;
  }

  private async init(req: Extract<Request, { type: "init" }>): Promise<void> {
    this.dispose();
    if (this.wasmPaths) core.configureWasm(this.wasmPaths);
    // `backend` is forced (?backend=, or a recovery's next backend); `preferBackend` (the device's measured
    // fastest, or the learner's choice on #/device) is tried first, with the default order behind it
    const order: core.Backend[] = ["wasm", "webgl", "cpu"];
    const prefer = req.preferBackend;
    const { backend } = await core.selectBackend(req.backend ? { forced: req.backend } : { order: prefer ? [prefer, ...order.filter((b) => b !== prefer)] : order });
    this.backend = backend;
    this.lost = null;
    this.watchBackend(backend);
    this.sampleEvery = req.sampleEvery;
    let ckpt: core.CheckpointData | undefined;
    this.lastGood = null;
    if (req.checkpoint) {
      checkCheckpointHeader(req.checkpoint); // sizes and the tokenizer's pattern, before anything is allocated
      const copy = req.checkpoint.slice();
      ckpt = core.decodeCheckpoint(req.checkpoint);
      // the loaded (resumed) checkpoint is the last good state: a NaN goes back to it, not to fresh weights
      this.lastGood = { iter: ckpt.step ?? 0, bytes: copy };
    }
    if (ckpt?.tokenizer) checkTokenizerSpec(JSON.stringify(ckpt.tokenizer));
    this.tok = ckpt?.tokenizer ? await core.tokenizerFromSpec(ckpt.tokenizer as core.TokenizerSpec) : await this.makeTokenizer(req.tokenizer, req.text);
    if (this.tok.vocabSize < 2) {
      const only = [...new Set(req.text)];
      throw fail("oneChar", { char: JSON.stringify(only[0] ?? "") });
    }
    if (ckpt && this.tok instanceof core.CharTokenizer) {
      // a character model loaded onto a text it was not trained on: name the characters it has never seen
      const known = new Set(this.tok.chars);
      const unknown = [...new Set(req.text)].filter((ch) => !known.has(ch));
      if (unknown.length)
        throw fail("ckptUnknownChars", {
          vocab: this.tok.vocabSize,
          count: unknown.length,
          chars: `${unknown.slice(0, 5).map((c) => JSON.stringify(c)).join(", ")}${unknown.length > 5 ? ", …" : ""}`,
        });
    }
    this.post({ type: "progress", phase: "encode", done: 0, total: 1 });
    await tick();
    const ids = this.tok.encode(req.text);
    core.checkTextLength(ids.length, req.model.blockSize);
    const tokens = this.tok.vocabSize <= 65536 ? Uint16Array.from(ids) : Uint32Array.from(ids);
    this.splits = core.splitData(tokens);
    if (this.splits.val.length < req.model.blockSize + 1)
      throw fail("valTooShort", { n: this.splits.val.length, need: req.model.blockSize + 1 });
    this.post({ type: "progress", phase: "model", done: 0, total: 1 });
    const config = core.validateGPTConfig({ ...req.model, vocabSize: this.tok.vocabSize });
    if (ckpt && ckpt.config.vocabSize !== this.tok.vocabSize)
      throw fail(ckpt.config.vocabSize >= 50257 ? "ckptVocabGpt2" : "ckptVocab", { ckpt: ckpt.config.vocabSize, kind: this.tok.kind, vocab: this.tok.vocabSize });
    this.train = core.validateTrainConfig(req.train);
    this.model = ckpt ? core.modelFromTensors(ckpt.config, ckpt.tensors) : core.createModel(config, this.train.seed);
    this.opt = new core.AdamW(this.model.params, { beta1: this.train.beta1, beta2: this.train.beta2, weightDecay: this.train.weightDecay });
    if (ckpt?.optimizer) this.opt.setState(ckpt.optimizer);
    this.iter = ckpt?.step ?? 0;
    // a resumed run continues its random stream from a seed derived from the step, so it stays reproducible
    this.rng = new core.Random((this.train.seed + this.iter * 7919) | 0);
    const readyReply = {
      type: "ready" as const,
      backend,
      numParams: core.numParams(this.model),
      vocabSize: this.tok.vocabSize,
      trainTokens: this.splits.train.length,
      valTokens: this.splits.val.length,
      iter: this.iter,
      tokenizerKind: this.tok.kind,
    };
    this.post(readyReply);
    if (ckpt) await this.evaluateAtStep(); // a loaded model shows where it stands
  }

  private need() {
    if (!this.model || !this.opt || !this.splits || !this.train || !this.tok) throw fail("noModel");
    return { model: this.model, opt: this.opt, splits: this.splits, train: this.train, tok: this.tok };
  }

  private async run(maxSteps: number): Promise<void> {
    if (!this.model && this.initFailed) return;
    const { model, opt, splits, train } = this.need();
    if (this.running) return;
    this.running = true;
    this.post({ type: "status", status: "training", iter: this.iter });
    let done = 0;
    while (this.running && !this.lost && this.iter < train.maxIters && done < maxSteps) {
      const t0 = performance.now();
      const lr = core.getLr(this.iter, train);
      const { loss, gradNorm } = await core.trainStep(model, opt, () => core.getBatch(splits.train, train.batchSize, model.config.blockSize, this.rng), lr, train, this.rng);
      const ms = performance.now() - t0;
      if (!Number.isFinite(loss) && (await this.gpuLost())) break; // garbage read back from a lost GPU, not a NaN
      if (!Number.isFinite(loss)) {
        // the weights are now NaN: go back to the last good checkpoint (or the initial weights) and pause
        this.running = false;
        const divergedAt = this.iter + 1; // the step counter counts steps done: this one would have been number iter + 1
        const restoredAt = this.restoreLastGood();
        const code = this.lastGood ? "lossDiverged" : "lossDivergedFresh";
        const values = { loss: String(loss), step: divergedAt, lr: lr.toExponential(2), restored: restoredAt };
        this.post({ type: "error", during: "train", message: labErrorEn(code, values), code, values, modelKept: true });
        this.post({ type: "status", status: "paused", iter: this.iter });
        return;
      }
      const tokens = train.batchSize * model.config.blockSize * train.gradAccumSteps;
      this.post({ type: "step", iter: this.iter, loss, lr, gradNorm, ms, tokensPerSec: (tokens / ms) * 1000 });
      if (this.iter % train.evalInterval === 0 || this.iter === train.maxIters - 1) {
        const ev = await core.evaluate(model, splits, train, this.rng);
        this.post({ type: "eval", iter: this.iter, train: ev.train, val: ev.val });
      }
      if (this.iter > 0 && this.iter % this.sampleEvery === 0) await this.sample();
      this.iter++;
      done++;
      for (const reason of this.pendingCheckpoints.splice(0)) await this.checkpoint(reason);
      await tick(); // let pause / stop / generate messages in
    }
    const finished = this.iter >= train.maxIters;
    this.running = false;
    if (this.lost) return; // the fault reply has gone out; the page restarts the session elsewhere
    this.post({ type: "status", status: finished ? "done" : "paused", iter: this.iter });
  }

  /** Evaluation with batches fixed by (seed, step): the same weights give the same numbers on every load. */
  private async evaluateAtStep(): Promise<void> {
    const { model, splits, train } = this.need();
    const ev = await core.evaluate(model, splits, train, new core.Random((train.seed * 31 + this.iter) | 0));
    this.post({ type: "eval", iter: this.iter, train: ev.train, val: ev.val });
  }

  private async sample(): Promise<void> {
    const { model, tok } = this.need();
    const start = [sampleStart(tok)];
    const ids = await core.generate(model, start, { maxNewTokens: 120, temperature: 0.8, topK: 40, seed: this.iter });
    this.post({ type: "sample", iter: this.iter, text: tok.decode(ids) });
  }

  private async generate(id: number, o: GenerateOptions): Promise<void> {
    const { model, tok } = this.need();
    this.generating.add(id);
    let prompt: number[];
    if (tok instanceof core.CharTokenizer) {
      const known = new Set(tok.chars);
      const unknown = [...new Set(o.prompt)].filter((ch) => !known.has(ch));
      if (unknown.length) {
        this.generating.delete(id);
        this.post({ type: "promptRejected", id, unknown, vocabSize: tok.vocabSize });
        return;
      }
    }
    try {
      prompt = o.prompt ? tok.encode(o.prompt) : [];
    } catch (e) {
      this.generating.delete(id);
      throw Object.assign(fail("promptEncode", { detail: (e as Error).message }), { cause: e });
    }
    if (prompt.length === 0) prompt = [sampleStart(tok)];
    if (o.beamWidth > 1) {
      const { best } = await core.beamSearch(core.modelStep(model), prompt, { beamWidth: o.beamWidth, maxNewTokens: o.maxNewTokens, lengthPenalty: o.lengthPenalty });
      const stream = core.createStreamDecoder(tok);
      for (const t of best) this.post({ type: "token", id, text: stream.push(t), prob: 1 });
      this.post({ type: "token", id, text: stream.flush(), prob: 1 });
      this.post({ type: "generated", id, stopped: false });
      this.generating.delete(id);
      return;
    }
    const stream = core.createStreamDecoder(tok);
    await core.generate(model, prompt, {
      maxNewTokens: o.maxNewTokens,
      temperature: o.temperature,
      topK: o.topK || undefined,
      topP: o.topP < 1 ? o.topP : undefined,
      greedy: o.greedy,
      seed: o.seed,
      onToken: (t, probs) => {
        this.post({ type: "token", id, text: stream.push(t), prob: probs[t] });
        return this.generating.has(id);
      },
      yieldFn: tick,
    });
    const rest = stream.flush();
    if (rest) this.post({ type: "token", id, text: rest, prob: 1 });
    this.post({ type: "generated", id, stopped: !this.generating.has(id) });
    this.generating.delete(id);
  }

  private async checkpoint(reason: "autosave" | "download" | "pause"): Promise<void> {
    const { model, opt, tok, train } = this.need();
    if (reason === "download") await this.evaluateAtStep(); // the same numbers appear when the file is loaded
    const bytes = await core.saveCheckpoint(model, { tokenizer: tok.toJSON(), trainConfig: train, step: this.iter, optimizer: opt.step ? await opt.getState() : undefined, runCard: { backend: this.backend } });
    this.lastGood = { iter: this.iter, bytes: bytes.slice() }; // a copy: the bytes below are transferred away
    this.post({ type: "checkpoint", reason, iter: this.iter, bytes }, [bytes.buffer as ArrayBuffer]);
  }

  private lastGood: { iter: number; bytes: Uint8Array } | null = null;

  /** Replaces the model and optimizer with the last checkpoint taken (or fresh weights); returns its step. */
  private restoreLastGood(): number {
    const { model, opt, train } = this.need();
    opt.dispose();
    core.disposeModel(model);
    if (this.lastGood) {
      const ck = core.decodeCheckpoint(this.lastGood.bytes.slice());
      this.model = core.modelFromTensors(ck.config, ck.tensors);
      this.opt = new core.AdamW(this.model.params, { beta1: train.beta1, beta2: train.beta2, weightDecay: train.weightDecay });
      if (ck.optimizer) this.opt.setState(ck.optimizer);
      this.iter = this.lastGood.iter;
    } else {
      this.model = core.createModel(model.config, train.seed);
      this.opt = new core.AdamW(this.model.params, { beta1: train.beta1, beta2: train.beta2, weightDecay: train.weightDecay });
      this.iter = 0;
    }
    return this.iter;
  }

  /**
   * Listens for the GPU going away under the backend: a WebGL context loss or a WebGPU device loss. TF.js can do
   * nothing on that backend afterwards, so the session stops and says so; the page moves the run to the next
   * backend in a fresh worker, from the last checkpoint.
   */
  private watchBackend(backend: core.Backend): void {
    const onLost = (reason: string, values?: Record<string, string>) => this.backend === backend && this.markLost(reason, values);
    const { gl, device } = gpuOf();
    if (backend === "webgl" && gl) {
      const canvas = gl.canvas as EventTarget;
      canvas.addEventListener("webglcontextlost", () => onLost(WEBGL_LOST));
    } else if (backend === "webgpu" && device) {
      void device.lost.then((info) => {
        const values = { reason: `${info.reason || "unknown"}${info.message ? `: ${info.message}` : ""}` };
        onLost(labErrorEn("webgpuLost", values), values);
      });
    }
  }

  /**
   * Whether the GPU went away, for an error or a NaN that may be its symptom: a lost WebGL context says so at once;
   * the loss events are tasks of their own, so give them a moment to arrive.
   */
  private async gpuLost(): Promise<boolean> {
    if (this.lost) return true;
    if (this.backend !== "webgl" && this.backend !== "webgpu") return false;
    const { gl } = gpuOf();
    if (gl?.isContextLost()) {
      this.markLost(WEBGL_LOST); // before its event, if the failing kernel noticed first
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
    return Boolean(this.lost);
  }

  /** `values` given: the WebGPU device's reason (webgpuLost); otherwise the WebGL context (webglLost). */
  private markLost(reason: string, values?: Record<string, string>): void {
    if (this.lost) return;
    this.lost = reason;
    this.running = false;
    const code = values ? "webgpuLost" : "webglLost";
    this.post({ type: "fault", kind: "backendLost", backend: this.backend, iter: this.iter, message: reason, code, values: values ?? {} });
  }

  private simulateFault(fault: "crash" | "backendLost"): void {
    if (fault === "crash") {
      // an uncaught error, as a real bug or an out-of-memory abort would give; the page sees the worker's error event
      setTimeout(() => {
        throw new Error(labErrorEn("simulatedCrash"));
      });
      return;
    }
    const { gl, device } = gpuOf();
    if (this.backend === "webgl" && gl) gl.getExtension("WEBGL_lose_context")?.loseContext();
    else if (this.backend === "webgpu" && device) device.destroy();
    else throw fail("cannotLoseGpu", { backend: this.backend });
  }

  private dispose(): void {
    this.running = false;
    this.opt?.dispose();
    if (this.model) core.disposeModel(this.model);
    this.model = undefined;
    this.opt = undefined;
  }
}
