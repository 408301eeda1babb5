import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import i18next, { type TFunction } from "i18next";
import * as tf from "@tensorflow/tfjs";
import { en } from "../../src/i18n/en";
import { ja } from "../../src/i18n/ja";
import { labErrorsEn, labErrorsJa, labErrorEn } from "../../src/i18n/lessons/labErrors";
import { DojoError, errorInfo } from "../../src/core/errors";
import { CharTokenizer, CheckpointError, createModel, forward, modelFromTensors, resolveConfig } from "../../src/core";
import { checkCheckpointHeader } from "../../src/workers/checkpointGuard";
import { TrainingSession } from "../../src/workers/session";
import type { Reply, Request } from "../../src/workers/protocol";
import { checkFileSize, checkTextForTraining, decodeText } from "../../src/lab/textInput";
import { errorText, messageText, rememberError } from "../../src/lab/messageText";
import { encodeForModel } from "../../src/widgets/attention-matrix/modelAttention";

// Issue #15: an error a learner causes in the lab reads in the learner's language. Each error carries a code and
// its values; the English template filled with the values is exactly the thrown message, and the Japanese one is
// what a Japanese page shows (these Japanese sentences were written out by hand from labErrors.ts's templates).

beforeAll(async () => {
  await tf.setBackend("cpu");
});

async function translator(lng: "en" | "ja"): Promise<TFunction> {
  const inst = i18next.createInstance();
  await inst.init({ lng, resources: { en: { translation: en }, ja: { translation: ja } }, interpolation: { escapeValue: false } });
  return inst.t;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe("labErrors (both languages)", () => {
  it("has every code in Japanese with the same placeholders", () => {
    expect(Object.keys(labErrorsJa).sort()).toEqual(Object.keys(labErrorsEn).sort());
    for (const code of Object.keys(labErrorsEn) as (keyof typeof labErrorsEn)[]) expect(placeholders(labErrorsJa[code]), code).toEqual(placeholders(labErrorsEn[code]));
  });

  it("knows every code the source throws or sends", () => {
    const codes = new Set<string>();
    for (const file of [...sourceFiles("src/core"), ...sourceFiles("src/workers"), ...sourceFiles("src/lab")]) {
      const src = readFileSync(file, "utf8");
      const own = file.startsWith(join("src", "workers")) ? /new DojoError\("(\w+)"|\bfail\("(\w+)"|labErrorEn\("(\w+)"/g : /new DojoError\("(\w+)"|TextInputError\("[\w-]+", "(\w+)"|labErrorEn\("(\w+)"/g;
      for (const m of src.matchAll(own)) codes.add(m[1] ?? m[2] ?? m[3]);
    }
    expect(codes.size).toBeGreaterThan(30);
    const unknown = [...codes].filter((c) => !(c in labErrorsEn));
    expect(unknown).toEqual([]);
  });
});

describe("errors a learner causes, in English and Japanese", () => {
  it("a prompt too long for the model: code blockSize with t and blockSize", async () => {
    const { model: cfg } = resolveConfig("projector", { model: { vocabSize: 5, nLayer: 1, nHead: 1, nEmbd: 4, blockSize: 64 } });
    const model = createModel(cfg, 1);
    const idx = tf.zeros([1, 70], "int32") as tf.Tensor2D;
    const e = thrown(() => forward(model, idx));
    idx.dispose();
    expect(e).toBeInstanceOf(DojoError);
    expect(errorInfo(e)).toEqual({
      message: "Cannot forward 70 tokens: blockSize is 64. Keep only the last 64 tokens (generate() does).",
      code: "blockSize",
      values: { t: 70, blockSize: 64 },
    });
    expect(errorText(e, await translator("ja"))).toBe("70 トークンは順伝播できません：blockSize は 64 です。最後の 64 トークンだけを残してください（generate() はそうしています）。");
    expect(errorText(e, await translator("en"))).toBe((e as Error).message);
  });

  it("uploaded files: too large, empty, binary, not UTF-8, too short", async () => {
    const jaT = await translator("ja");
    const big = thrown(() => checkFileSize("big.txt", 60 * 1024 * 1024));
    expect((big as Error).message).toBe('"big.txt" is 60.0 MB; the lab takes text files up to 50.0 MB. Use the first part of it: for example, split it and upload one piece.');
    expect(errorText(big, jaT)).toBe("「big.txt」は 60.0 MB あります。ラボが受け付けるテキストファイルは 50.0 MB までです。最初の部分だけを使ってください（たとえばファイルを分割して 1 つだけアップロードします）。");
    expect(errorText(thrown(() => checkFileSize("e.txt", 0)), jaT)).toBe("「e.txt」は空です。テキストの入った .txt ファイルを選んでください。");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]);
    expect(errorText(thrown(() => decodeText("cat.png", png)), jaT)).toBe(
      "「cat.png」はテキストではなくバイナリファイルのようです（NUL バイトを含んでいます）。プレーンテキスト（.txt、UTF-8）で保存してから、もう一度試してください。",
    );
    const control = new Uint8Array(100).fill(1);
    expect(errorText(thrown(() => decodeText("x.bin", control)), jaT)).toBe(
      "「x.bin」はテキストではなくバイナリファイルのようです（先頭 100 バイトのうち 100 バイトが制御文字です）。プレーンテキスト（.txt、UTF-8）で保存してください。",
    );
    const sjis = new Uint8Array([0x82, 0xa0, 0x82, 0xa2]); // あい in Shift_JIS
    expect(errorText(thrown(() => decodeText("neko.txt", sjis)), jaT)).toMatch(/^「neko\.txt」は正しい UTF-8 のテキストではありません。Shift_JIS など/);
    const short = thrown(() => checkTextForTraining("hello", 5, 32));
    expect((short as Error).message).toBe("The text is 5 tokens long, but training needs at least blockSize + 1 = 33. Add more text or lower blockSize.");
    expect(errorText(short, jaT)).toBe("テキストは 5 トークンですが、学習には少なくとも blockSize + 1 = 33 トークン必要です。テキストを増やすか、blockSize を小さくしてください。");
  });

  it("a checkpoint file the lab cannot build, named in the reader's language with the file's name", async () => {
    const jaT = await translator("ja");
    const e = thrown(() => checkCheckpointHeader(new Uint8Array(0)));
    // the safetensors reader speaks first (a CheckpointError): its category in Japanese, its English detail kept
    expect(errorInfo(e).code).toBe("checkpointTruncated");
    expect(errorText(e, jaT)).toMatch(/^ファイルが途中で切れています。ダウンロードし直してください（詳細：.+）$/);
    const header = JSON.stringify({ __metadata__: { config: JSON.stringify({ n_layer: 1_000_000, n_head: 1, n_embd: 4, block_size: 8, vocab_size: 5, bias: true, dropout: 0 }) } });
    const h = new TextEncoder().encode(header);
    const bytes = new Uint8Array(8 + h.length);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(h.length), true);
    bytes.set(h, 8);
    const big = thrown(() => checkCheckpointHeader(bytes));
    expect((big as Error).message).toBe("The checkpoint's n_layer is 1,000,000; the lab builds n_layer from 1 to 24. This file cannot be loaded here.");
    const message = rememberError(big);
    expect(messageText(jaT, { key: "labErrors.inFile", values: { name: "huge.safetensors", message } })).toBe(
      "huge.safetensors：チェックポイントの n_layer は 1,000,000 です。ラボが作れる n_layer は 1 から 24 までなので、このファイルはここでは読み込めません。",
    );
    expect(messageText(await translator("en"), { key: "labErrors.inFile", values: { name: "huge.safetensors", message } })).toBe(`huge.safetensors: ${message}`);
  });

  it("a character the model does not know, as the lesson widgets show it (encodeForModel remembers, errorText translates)", async () => {
    const tok = CharTokenizer.fromText("abc");
    const enc = encodeForModel("ab猫", tok, 8);
    expect(enc).toEqual({ ok: false, error: 'Character "猫" (U+732B) at position 2 is not in this character vocabulary (3 characters). Build the tokenizer from text that contains it (CharTokenizer.fromText(corpus + extra)), or remove it from the input.' });
    expect(errorText(!enc.ok && enc.error, await translator("ja"))).toBe(
      "位置 2 の文字 \"猫\"（U+732B）は、この文字語彙（3 文字）にありません。その文字を含むテキストからトークナイザーを作る（CharTokenizer.fromText(corpus + extra)）か、入力から消してください。",
    );
  });

  it("weights of another model: missing tensors named", async () => {
    const { model: cfg } = resolveConfig("projector", { model: { vocabSize: 5, nLayer: 1, nHead: 1, nEmbd: 4, blockSize: 8 } });
    const e = thrown(() => modelFromTensors(cfg, {}));
    expect(errorInfo(e).code).toBe("missingTensors");
    expect(errorText(e, await translator("ja"))).toMatch(/^テンソルが足りません：transformer\.wte\.weight, transformer\.wpe\.weight, .*。$/);
  });

  it("the training worker's errors cross postMessage as code and values; the page translates the English string it keeps", async () => {
    const replies: Reply[] = [];
    const session = new TrainingSession((r) => replies.push(r));
    const { train } = resolveConfig("projector", { train: { maxIters: 2 } });
    const init: Request = { type: "init", text: "aaaaaaaaaaaaaaaaaaaa", tokenizer: { kind: "char" }, model: { nLayer: 1, nHead: 1, nEmbd: 4, blockSize: 4, dropout: 0, bias: true }, train, backend: "cpu", sampleEvery: 1000 };
    await session.handle(init);
    const err = replies.find((r) => r.type === "error") as Extract<Reply, { type: "error" }>;
    expect(err).toMatchObject({ code: "oneChar", values: { char: '"a"' }, message: labErrorEn("oneChar", { char: '"a"' }) });
    rememberError(err); // as useLab does with every error reply
    // the run state keeps err.message (a string); LabNotices shows errorText of it
    expect(errorText(err.message, await translator("ja"))).toBe("テキストには 1 種類の文字（\"a\"）しかありません。モデルが何かを学ぶには少なくとも 2 種類必要です。もっと変化のあるテキストを使ってください。");
    await session.handle({ type: "step" });
    const noModel = replies.filter((r) => r.type === "error").at(-1) as Extract<Reply, { type: "error" }>;
    expect(noModel.code).toBe("oneChar"); // a queued step after a failed init stays quiet
    const fresh = new TrainingSession((r) => replies.push(r));
    await fresh.handle({ type: "step" });
    const last = replies.at(-1) as Extract<Reply, { type: "error" }>;
    expect(last).toMatchObject({ type: "error", code: "noModel", message: "The lab has no model yet: press Build (or Train) first." });
    expect(errorText(last, await translator("ja"))).toBe("ラボにはまだモデルがありません。先に「構築」（または「学習」）を押してください。");
  });

  it("a fault note keeps its shortened form; a crash from an uncaught error is known by its text", async () => {
    const jaT = await translator("ja");
    // machine.ts drops the final period of the fault's message; the worker's error event prefixes "Uncaught Error: "
    expect(messageText(jaT, { key: "labUi.faultCrash", values: { iter: 7, from: 5, message: "Uncaught Error: Simulated crash of the training worker" } })).toBe(
      "学習ワーカーがステップ 7 で停止しました（学習ワーカーの停止を模擬しました）。新しいワーカーが最後のチェックポイントのステップ 5 から引き継ぎました。",
    );
    const values = { reason: "destroyed" };
    rememberError({ message: labErrorEn("webgpuLost", values), code: "webgpuLost", values });
    expect(errorText("The WebGPU device was lost (destroyed).", jaT)).toBe("WebGPU のデバイスが失われました（destroyed）。");
  });

  it("storage quota and out of memory by the browser's words; anything else stays as it is", async () => {
    const jaT = await translator("ja");
    const quota = Object.assign(new Error("The quota has been exceeded."), { name: "QuotaExceededError" });
    expect(errorText(quota, jaT)).toBe("このブラウザの保存領域がいっぱいです。不要な実行を削除するか、空き容量を増やしてください（詳細：The quota has been exceeded.）");
    expect(errorInfo(new Error("Failed to allocate 2.1 GB on the GPU")).code).toBe("outOfMemory");
    expect(errorText(new Error("Something nobody planned for."), jaT)).toBe("Something nobody planned for.");
    expect(errorText(new CheckpointError("dtype", "Tensor x has dtype U8."), jaT)).toBe("ファイルのテンソルの型に、ラボが読めないものがあります（詳細：Tensor x has dtype U8.）");
  });
});
