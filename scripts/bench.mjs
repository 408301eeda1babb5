// `npm run bench`: builds the site, serves it, opens Chromium (same discovery as the tests) and times the
// real training step, the matmul ceiling and generation on each backend and preset. Writes
// bench/results/<date>.json and prints a Markdown table. Options:
//   --backends=wasm,webgl,webgpu,cpu   --presets=projector,nanogpt-cpu   --steps=20 --warmup=3
//   --memory-steps=200 --gen-tokens=32 --no-build
// Software WebGPU is slow here: e.g. `npm run bench -- --backends=webgpu --presets=projector --steps=5 --memory-steps=5`.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { chromium } from "playwright-core";
import { chromiumArgs, findChromium } from "./find-chromium.mjs";

const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, "").split("="); return [k, v ?? "true"]; }));
const backends = (args.backends ?? "wasm,webgl,webgpu,cpu").split(",");
const presets = (args.presets ?? "projector,nanogpt-cpu").split(",");
const steps = Number(args.steps ?? 20);
const warmup = Number(args.warmup ?? 3);
const memorySteps = Math.max(steps, Number(args["memory-steps"] ?? 200));
const genTokens = Number(args["gen-tokens"] ?? 32);
const port = 4179;

if (!args["no-build"] && spawnSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" }).status !== 0) process.exit(1);
const server = spawn("npx", ["vite", "preview", "--port", String(port), "--strictPort"], { stdio: "ignore", detached: true });
const stop = () => { try { process.kill(-server.pid); } catch { /* already gone */ } };
process.on("exit", stop);

let browserInfo;
try { browserInfo = findChromium(); } catch (e) { console.error(e.message); process.exit(1); }
for (let i = 0; i < 50; i++) { try { await fetch(`http://localhost:${port}/`); break; } catch { await new Promise((r) => setTimeout(r, 200)); } }
const launch = () => chromium.launch({ executablePath: browserInfo.path, args: chromiumArgs });
let browser = await launch();
const results = [];
for (const backend of backends) {
  for (const preset of presets) {
    process.stdout.write(`${backend} / ${preset} … `);
    // a fresh browser per case when the last one died (a backend can crash the GPU process under load)
    if (!browser.isConnected()) browser = await launch();
    let page;
    try {
      page = await browser.newPage();
      await page.goto(`http://localhost:${port}/engine-check.html`);
      await page.waitForFunction(() => document.body.dataset.ready === "true");
      const r = await page.evaluate((o) => globalThis.dojo.bench(o), { backend, preset, vocabSize: 65, steps, warmup, memorySteps, genTokens });
      results.push(r);
      console.log(`${r.msPerStep.toFixed(1)} ms/step`);
    } catch (e) {
      console.log(`failed: ${e.message.split("\n")[0]}`);
      results.push({ backend, preset, error: e.message.split("\n")[0] });
    }
    await page?.close().catch(() => undefined);
  }
}
if (!browser.isConnected()) browser = await launch();
const userAgent = await (async () => { const p = await browser.newPage(); const ua = await p.evaluate(() => navigator.userAgent); await p.close(); return ua; })();
await browser.close();
stop();

const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}`, browser: userAgent, node: process.version };
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
mkdirSync("bench/results", { recursive: true });
const file = `bench/results/${stamp}.json`;
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine, options: { steps, warmup, memorySteps, genTokens }, results }, null, 2));

const f = (x, d = 1) => (x === undefined ? "—" : Number(x).toFixed(d));
const rows = results.map((r) => r.error
  ? `| ${r.backend} | ${r.preset} | failed: ${r.error} |||||||||`
  : `| ${r.backend} | ${r.preset} | ${f(r.msPerStep)} | ${Math.round(r.tokensPerSec)} | ${f(r.gflops, 2)} | ${f(r.matmulGflops, 1)} | ${f(100 * r.mfu)}% | ${f(r.firstStepMs / 1000, 1)} s | ${f(r.genTokPerSecCache)} / ${f(r.genTokPerSecNoCache)} (${f(r.cacheSpeedup)}×) | ${r.numTensorsStart} → ${r.numTensorsEnd}, ${f(r.memoryBytesEnd / 2 ** 20)} MB |`);
console.log(`\nMachine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.browser}`);
console.log(`Steps timed: ${steps} after ${warmup} warm-up; memory after ${memorySteps} steps; generation of ${genTokens} tokens after 256 of context.\n`);
console.log("| backend | preset | ms/step (median) | tokens/s | GFLOP/s | matmul GFLOP/s | MFU | first step | gen tok/s cache / no cache | numTensors, memory |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
console.log(rows.join("\n"));
console.log(`\nWrote ${file}`);
