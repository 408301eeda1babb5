/**
 * Runs lesson 7's build-up ladder (src/core/ladder.ts) on character-level Moby-Dick, as the pretrained model is
 * trained, and records it in public/ladder/moby-char.json: the settings, the seed, and every rung's parameters,
 * final train/val loss and time, with the counting-bigram baseline and ln(vocab) as reference lines.
 *
 *   npx tsx scripts/ladder.ts                       the recorded run (wasm backend, a few minutes on 2 cores)
 *   npx tsx scripts/ladder.ts --steps 20 --out /tmp/l   a quick try
 *
 * Every rung starts from the same seed and sees the same batches, so the same command on the same backend
 * gives the same losses. tests/core/ladder.test.ts checks the file against its settings.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import * as core from "../src/core";
import { bigramBaseline, ladderRungs, ladderSettings, trainRung, withSteps, type LadderSettings, type RungResult } from "../src/core/ladder";
import { mobyDick } from "./corpora";

const { values: args } = parseArgs({
  options: {
    steps: { type: "string" },
    backend: { type: "string", default: "wasm" },
    out: { type: "string", default: "public/ladder" },
    rungs: { type: "string" }, // a comma-separated subset, for trying settings (the recorded file has them all)
  },
});

const backend = args.backend;
if (!core.isBackend(backend) || (backend !== "wasm" && backend !== "cpu")) throw new Error(`--backend must be wasm or cpu in Node, got ${backend}.`);
if (backend === "wasm") {
  const require = createRequire(import.meta.url);
  core.configureWasm(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
}
const attempt = await core.trySetBackend(backend);
if (!attempt.ok) throw new Error(`Could not start the ${backend} backend: ${attempt.error}`);

const settings: LadderSettings = args.steps ? withSteps(ladderSettings, Number(args.steps)) : ladderSettings;

const text = mobyDick();
const tok = core.CharTokenizer.fromText(text);
const splits = core.splitData(Uint16Array.from(tok.encode(text)));
const V = tok.vocabSize;
const baseline = bigramBaseline(splits.train, splits.val, V);
console.log(`vocab ${V}, ln(vocab) ${Math.log(V).toFixed(4)}, counting bigram val ${baseline.toFixed(4)}, ${settings.train.maxIters} steps per rung on ${backend}`);

const rungs: RungResult[] = [];
const only = args.rungs?.split(",");
for (const rung of ladderRungs(settings).filter((r) => !only || only.includes(r.id))) {
  const r = await trainRung(rung, settings, splits, V, undefined, () => performance.now());
  if (!r) throw new Error(`Rung ${rung.id} stopped without a result.`);
  console.log(`${r.id.padEnd(10)} ${String(r.params).padStart(7)} params  train ${r.train.toFixed(4)}  val ${r.val.toFixed(4)}  ${r.seconds.toFixed(0)} s`);
  rungs.push({ ...r, seconds: Math.round(r.seconds * 10) / 10 });
}

const record = {
  corpus: "moby-dick",
  tokenizer: "char",
  vocabSize: V,
  lnVocab: Math.log(V),
  bigramBaseline: baseline,
  settings,
  rungs,
  backend,
  date: new Date().toISOString().slice(0, 10),
  command: `npx tsx scripts/ladder.ts${args.steps ? ` --steps ${args.steps}` : ""} --backend ${backend}`,
};
mkdirSync(args.out!, { recursive: true });
writeFileSync(join(args.out!, "moby-char.json"), JSON.stringify(record, null, 2) + "\n");
console.log(`wrote ${join(args.out!, "moby-char.json")}`);
