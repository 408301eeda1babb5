import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { useTrainer } from "../hooks/useTrainer";
import { useUrlState } from "../hooks/useUrlState";
import { labSchema, hiddenControls, modelFields, settingProblems, trainFields, type LabSettings, type SettingName } from "./settings";
import { presetValues, publishedReference } from "./presets";
import { numParamsFor, trainingBytesFor, formatBytes } from "./modelSize";
import { readTextFile, TextInputError } from "./textInput";
import { etaSeconds, recentMsPerStep } from "./runState";
import { deleteRun, listRuns, loadRun, saveCheckpoint, saveRun, type StoredRun } from "./store";
import { GeneratePanel } from "./GeneratePanel";
import { LinePlot } from "../ui/LinePlot";
import { labBackend } from "../device/backendMeasure";
import { MeasureStatus } from "../device/MeasureStatus";
import { loadJSON, saveJSON } from "../storage";
import type { FaultKind, Request } from "../workers/protocol";
import type { Backend } from "../core/backend";
import { nextBackend, rewindRunState } from "./runState";

/** Crashes in a row after which the lab stops restarting the worker (something is wrong with this run). */
const MAX_RESTARTS = 3;


async function corpusText(s: LabSettings, own: { name: string; text: string } | null): Promise<{ name: string; text: string }> {
  if (s.corpus === "own") {
    if (!own || !own.text.trim()) throw new TextInputError("empty", "The text is empty. Paste some text, upload a .txt file, or pick a built-in corpus.");
    return own;
  }
  const res = await fetch(`corpora/${s.corpus}.txt`);
  if (!res.ok) throw new Error(`Could not load the built-in corpus "${s.corpus}" (HTTP ${res.status}). Reload the page.`);
  return { name: s.corpus, text: await res.text() };
}

function vocabGuess(s: LabSettings): number {
  return s.tokenizer === "gpt2" ? 50257 : s.tokenizer === "bpe" ? s.bpeVocab : s.corpus === "first-names" ? 28 : 80; // names: a–z, "-" and newline; Moby-Dick has ~80 characters
}

interface LabProps {
  /** URL prefix for the settings: "lab" on #/lab, another for a lab embedded in a lesson */
  prefix: string;
  /** the settings table, possibly with a lesson's own defaults */
  schema?: typeof labSchema;
  /** embedded in a lesson: no page title, no runs table */
  embedded?: boolean;
}

/** The lab: choose data, tokenizer and model, train in a worker, watch, generate, and never lose the run. */
export function Lab({ prefix, schema = labSchema, embedded = false }: LabProps) {
  const { t } = useTranslation();
  const CURRENT_RUN = `gpt-dojo:${prefix}-run`;
  const [s, update] = useUrlState(prefix, schema);
  const hidden = hiddenControls(s);
  const problems = settingProblems(s);
  const { state, send, listen, restore, reset: resetState, restart, mode } = useTrainer();
  const [own, setOwn] = useState<{ name: string; text: string } | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const [reading, setReading] = useState<number | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [resumable, setResumable] = useState<StoredRun | null>(null);
  const [runs, setRuns] = useState<StoredRun[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const startedAt = useRef<number>(0);
  const lastCheckpoint = useRef<{ iter: number; bytes: Uint8Array } | null>(null);
  const [faultNote, setFaultNote] = useState<string | null>(null);
  const built = state.status !== "idle" && state.status !== "error" && state.status !== "preparing";
  const training = state.status === "training";

  const refreshRuns = useCallback(() => void listRuns().then(setRuns).catch(() => setRuns([])), []);

  // On load: offer to resume the run the lab was on (after a reload or a crash), and list past runs.
  useEffect(() => {
    const id = loadJSON<string | null>(CURRENT_RUN, null);
    if (id) void loadRun(id).then((r) => r?.checkpoint && setResumable(r.run)).catch(() => undefined);
    refreshRuns();
  }, [refreshRuns, CURRENT_RUN]);

  const persist = useCallback(
    async (bytes?: Uint8Array, iter?: number) => {
      if (!runId) return;
      const run: StoredRun = {
        id: runId,
        createdAt: Number(runId.split("-")[1]) || Date.now(),
        updatedAt: Date.now(),
        settings: s,
        ownText: s.corpus === "own" ? (own ?? undefined) : undefined,
        state: { ...state, status: state.status },
        trainSeconds: startedAt.current ? (Date.now() - startedAt.current) / 1000 : 0,
      };
      await saveRun(run);
      if (bytes && iter !== undefined) {
        await saveCheckpoint(runId, iter, bytes);
        setSaved(iter);
      }
    },
    [runId, s, own, state],
  );
  const persistRef = useRef(persist);
  useEffect(() => {
    persistRef.current = persist;
  });

  // Checkpoints arrive from the worker: autosave/pause ones go to IndexedDB, download ones to a file.
  useEffect(
    () =>
      listen((r) => {
        if (r.type !== "checkpoint") return;
        if (r.reason !== "download") lastCheckpoint.current = { iter: r.iter, bytes: r.bytes.slice() }; // a fault resumes from here
        if (r.reason === "download") {
          const url = URL.createObjectURL(new Blob([r.bytes as BlobPart], { type: "application/octet-stream" }));
          const a = Object.assign(document.createElement("a"), { href: url, download: `gpt-dojo-step${r.iter}.safetensors` });
          a.click();
          setTimeout(() => URL.revokeObjectURL(url), 1000);
        } else
          void persistRef.current(r.bytes, r.iter).then(refreshRuns, (e: Error) =>
            setInputError(t("labUi.storageFailed", { message: e.message })),
          );
      }),
    [listen, refreshRuns, t],
  );

  // Autosave every autosaveEvery steps, and when training pauses or ends.
  const lastIter = state.steps.iter[state.steps.iter.length - 1];
  useEffect(() => {
    if (lastIter !== undefined && lastIter > 0 && lastIter % s.autosaveEvery === 0) send({ type: "checkpoint", reason: "autosave" });
  }, [lastIter, s.autosaveEvery, send]);
  const prevStatus = useRef(state.status);
  useEffect(() => {
    if (prevStatus.current === "training" && (state.status === "paused" || state.status === "done")) send({ type: "checkpoint", reason: "pause" });
    prevStatus.current = state.status;
  }, [state.status, send]);

  const init = useCallback(
    /** `recovery`: after a fault, the same run continues (same id) on `recovery.backend`. */
    async (checkpoint?: Uint8Array, restoreRun?: StoredRun, recovery?: { runId: string; backend?: Backend }) => {
      setInputError(null);
      const settings = restoreRun?.settings ?? s;
      try {
        const corpus = await corpusText(settings, restoreRun?.ownText ?? own);
        const id = restoreRun?.id ?? recovery?.runId ?? `run-${Date.now()}`;
        setRunId(id);
        saveJSON(CURRENT_RUN, id);
        if (!recovery) startedAt.current = Date.now();
        // ?backend= (forced), else the learner's override or this device's measured fastest (tried first)
        const choice: { forced?: Backend; preferred?: Backend } = recovery ? { forced: recovery.backend } : await labBackend();
        const req: Request = {
          type: "init",
          text: corpus.text,
          tokenizer: settings.tokenizer === "bpe" ? { kind: "bpe", vocabSize: settings.bpeVocab } : { kind: settings.tokenizer },
          model: { nLayer: settings.nLayer, nHead: settings.nHead, nEmbd: settings.nEmbd, blockSize: settings.blockSize, dropout: settings.dropout, bias: settings.bias },
          train: Object.fromEntries(trainFields.map((k) => [k, settings[k]])) as never,
          sampleEvery: settings.sampleEvery,
          backend: choice.forced,
          preferBackend: choice.preferred,
          checkpoint,
        };
        send(req, checkpoint ? [checkpoint.buffer as ArrayBuffer] : undefined);
      } catch (e) {
        setInputError((e as Error).message);
      }
    },
    [s, own, send, CURRENT_RUN],
  );

  const build = () => {
    resetState();
    void init();
  };
  const trainSettings = useCallback(() => Object.fromEntries(trainFields.map((k) => [k, s[k]])) as never, [s]);
  const trainOrPause = useCallback(() => {
    if (training) send({ type: "pause" });
    else if (built) {
      send({ type: "configure", train: trainSettings() }); // edits made while paused apply from here on
      send({ type: "train" });
    }
    else {
      resetState();
      void init().then(() => send({ type: "train" }));
    }
  }, [training, built, send, init, resetState, trainSettings]);
  const stepOnce = useCallback(() => {
    if (!built || training) return;
    send({ type: "configure", train: trainSettings() });
    send({ type: "step" });
  }, [built, training, send, trainSettings]);
  const resetRun = useCallback(() => {
    send({ type: "pause" });
    send({ type: "dispose" });
    resetState();
    setRunId(null);
    saveJSON(CURRENT_RUN, null);
  }, [send, resetState, CURRENT_RUN]);

  // Faults: a crashed worker or a lost GPU. A fresh worker takes over (on the next backend when the GPU was
  // lost), loads the last checkpoint and, if the run was training, trains on. The charts rewind to that step.
  const latest = useRef({ state, init, runId, backend: state.backend as Backend | undefined });
  useEffect(() => {
    latest.current = { state, init, runId, backend: state.backend as Backend | undefined };
  });
  const crashes = useRef(0);
  useEffect(
    () =>
      listen((r) => {
        if (r.type !== "fault") return;
        const { state: before, init: reinit, runId: id, backend } = latest.current;
        const wasTraining = before.status === "training";
        const ck = lastCheckpoint.current;
        const from = ck?.iter ?? 0;
        const next = r.kind === "backendLost" ? nextBackend(r.backend ?? backend ?? "webgl") : backend;
        if (r.kind === "crash" && ++crashes.current > MAX_RESTARTS) {
          setFaultNote(t("labUi.faultGiveUp", { count: MAX_RESTARTS, message: r.message.replace(/\.$/, "") }));
          return;
        }
        setFaultNote(
          r.kind === "crash"
            ? t("labUi.faultCrash", { iter: r.iter, from, message: r.message.replace(/\.$/, "") }) // the template closes the sentence
            : t("labUi.faultBackend", { iter: r.iter, from, lost: r.backend ?? "?", next: next ?? "?", message: r.message }),
        );
        void (async () => {
          await restart();
          restore(rewindRunState(before, from));
          await reinit(ck?.bytes.slice(), undefined, { runId: id ?? `run-${Date.now()}`, backend: next });
          if (wasTraining) send({ type: "train" });
        })();
      }),
    [listen, restart, restore, send, t],
  );
  // the recovery paths can be exercised from the console or a test: gptDojoLab.simulateFault("crash" | "backendLost")
  useEffect(() => {
    if (embedded) return;
    const w = window as unknown as { gptDojoLab?: { simulateFault(f: FaultKind): void } };
    w.gptDojoLab = { simulateFault: (fault) => send({ type: "simulateFault", fault }) };
    return () => void delete w.gptDojoLab;
  }, [embedded, send]);

  const resume = async (run: StoredRun) => {
    const loaded = await loadRun(run.id);
    if (!loaded?.checkpoint) return setInputError(t("labUi.noCheckpoint"));
    update(run.settings);
    restore({ ...run.state, status: "idle" });
    setResumable(null);
    if (run.ownText) setOwn(run.ownText);
    await init(loaded.checkpoint, run);
  };

  // Keyboard: T train/pause, S step, R reset (not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return;
      if (e.key === "t") trainOrPause();
      else if (e.key === "s") stepOnce();
      else if (e.key === "r") resetRun();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [trainOrPause, stepOnce, resetRun]);

  const readFile = async (file: File) => {
    setInputError(null);
    setReading(0);
    try {
      const text = await readTextFile(file, setReading);
      setOwn({ name: file.name, text });
      update({ corpus: "own" });
    } catch (e) {
      setInputError((e as Error).message);
    } finally {
      setReading(null);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) void readFile(f);
  };
  const uploadCheckpoint = async (file: File) => {
    setInputError(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { decodeCheckpoint } = await import("../core/checkpoint");
    try {
      const ck = decodeCheckpoint(bytes.slice());
      const c = ck.config;
      update({ preset: "custom", nLayer: c.nLayer, nHead: c.nHead, nEmbd: c.nEmbd, blockSize: c.blockSize, dropout: c.dropout, bias: c.bias });
      resetState();
      await init(bytes);
    } catch (e) {
      setInputError(`${file.name}: ${(e as Error).message}`);
    }
  };

  const sizes = useMemo(() => {
    const c = { vocabSize: state.vocabSize ?? vocabGuess(s), blockSize: s.blockSize, nLayer: s.nLayer, nHead: s.nHead, nEmbd: s.nEmbd, bias: s.bias };
    return { params: numParamsFor(c), bytes: trainingBytesFor(c, s.batchSize).total, vocab: c.vocabSize };
  }, [s, state.vocabSize]);

  const ms = recentMsPerStep(state);
  const eta = etaSeconds(state, s.maxIters);
  const lastLoss = state.steps.loss[state.steps.loss.length - 1];
  const lastEval = state.evals.val.length ? { train: state.evals.train[state.evals.train.length - 1], val: state.evals.val[state.evals.val.length - 1] } : null;
  const ref = publishedReference(s);
  const evalByIter = new Map(state.evals.iter.map((it, i) => [it, i]));
  const field = (name: SettingName) => {
    if (hidden.has(name)) return null;
    const spec = labSchema[name];
    const value = s[name];
    return (
      <label key={name} className={`field${problems[name] ? " invalid" : ""}`}>
        <span>{name}</span>
        {spec.type === "boolean" ? (
          <input type="checkbox" checked={Boolean(value)} onChange={(e) => update({ [name]: e.target.checked, preset: "custom" } as Partial<LabSettings>)} disabled={built} />
        ) : (
          <input
            type="number"
            value={Number(value)}
            min={"min" in spec ? spec.min : undefined}
            max={"max" in spec ? spec.max : undefined}
            step={"integer" in spec && spec.integer ? 1 : "any"}
            disabled={built && (modelFields as readonly string[]).includes(name)}
            onChange={(e) => e.target.value !== "" && Number.isFinite(Number(e.target.value)) && update({ [name]: Number(e.target.value), preset: "custom" } as Partial<LabSettings>)}
            aria-invalid={Boolean(problems[name])}
            aria-describedby={problems[name] ? `${name}-problem` : undefined}
            data-testid={`field-${name}`}
          />
        )}
        {problems[name] && (
          <small id={`${name}-problem`} className="problem" role="alert">
            {problems[name]}
          </small>
        )}
      </label>
    );
  };
  const canTrain = Object.keys(problems).length === 0 && !(s.corpus === "own" && !own);

  return (
    <div className={embedded ? "lab embedded" : "page lab"}>
      {!embedded && (
        <>
          <h1>{t("lab.title")}</h1>
          <p className="lead">{t("lab.intro")}</p>
        </>
      )}
      {resumable && (
        <div className="notice resume" role="status" data-testid="resume-offer">
          {t("labUi.resumeOffer", { iter: resumable.checkpointIter ?? 0 })}{" "}
          <button type="button" onClick={() => void resume(resumable)} data-testid="resume">
            {t("labUi.resume")}
          </button>{" "}
          <button type="button" onClick={() => setResumable(null)}>
            {t("labUi.startFresh")}
          </button>
        </div>
      )}
      {inputError && (
        <p className="directive-error" role="alert" data-testid="lab-error">
          {inputError}
        </p>
      )}
      {faultNote && (
        <p className="notice" role="status" data-testid="fault-note">
          {faultNote}{" "}
          <button type="button" onClick={() => setFaultNote(null)}>
            {t("labUi.dismiss")}
          </button>
        </p>
      )}
      {state.error && (
        <p className="directive-error" role="alert" data-testid="train-error">
          {state.error}
        </p>
      )}

      <div className="lab-grid">
        <section className="lab-panel" aria-labelledby="data-title">
          <h2 id="data-title">{t("labUi.data")}</h2>
          {!hidden.has("corpus") && (
            <fieldset disabled={built}>
              <legend className="visually-hidden">{t("labUi.data")}</legend>
              {(["moby-dick", "first-names", "own"] as const).map((c) => (
                <label key={c} className="radio">
                  <input type="radio" name="corpus" checked={s.corpus === c} onChange={() => update({ corpus: c })} /> {t(`labUi.corpus.${c}`)}
                </label>
              ))}
            </fieldset>
          )}
          {s.corpus === "own" && (
            <div className="drop-zone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
              <textarea
                rows={5}
                value={own?.text ?? ""}
                placeholder={t("labUi.pasteHint")}
                onChange={(e) => setOwn({ name: t("labUi.pasted"), text: e.target.value })}
                disabled={built}
                aria-label={t("labUi.pasteHint")}
                data-testid="own-text"
              />
              <label className="file-button">
                {t("labUi.upload")}
                <input type="file" accept=".txt,text/plain" onChange={(e) => e.target.files?.[0] && void readFile(e.target.files[0])} disabled={built} data-testid="own-file" />
              </label>
              {reading !== null && <progress value={reading} max={1} aria-label={t("labUi.reading")} />}
              {own && <p className="muted">{t("labUi.ownInfo", { name: own.name, chars: own.text.length.toLocaleString() })}</p>}
            </div>
          )}
          {!hidden.has("tokenizer") && (
            <>
              <h3>{t("labUi.tokenizer")}</h3>
              <fieldset disabled={built}>
                <legend className="visually-hidden">{t("labUi.tokenizer")}</legend>
                {(["char", "bpe", "gpt2"] as const).map((k) => (
                  <label key={k} className="radio">
                    <input type="radio" name="tokenizer" checked={s.tokenizer === k} onChange={() => update({ tokenizer: k })} /> {t(`labUi.tok.${k}`)}
                  </label>
                ))}
              </fieldset>
              {s.tokenizer === "bpe" && field("bpeVocab")}
              {s.tokenizer === "gpt2" && <p className="notice">{t("labUi.gpt2Warning", { mb: formatBytes(50257 * s.nEmbd * 4 * 4) })}</p>}
            </>
          )}
        </section>

        <section className="lab-panel" aria-labelledby="model-title">
          <h2 id="model-title">{t("labUi.model")}</h2>
          {!hidden.has("preset") && (
            <label className="field wide">
              <span>{t("labUi.preset")}</span>
              <select value={s.preset} disabled={built} onChange={(e) => update({ preset: e.target.value as LabSettings["preset"], ...presetValues(e.target.value as LabSettings["preset"]) })} data-testid="preset">
                <option value="projector">{t("labUi.presets.projector")}</option>
                <option value="nanogpt-cpu">{t("labUi.presets.nanogpt-cpu")}</option>
                <option value="custom">{t("labUi.presets.custom")}</option>
              </select>
            </label>
          )}
          <div className="field-grid">{modelFields.map(field)}</div>
          <details>
            <summary>{t("labUi.training")}</summary>
            <div className="field-grid">{[...trainFields, "sampleEvery", "autosaveEvery"].map((f) => field(f as SettingName))}</div>
          </details>
          <p className="size-line" data-testid="size-line">
            {t("labUi.sizes", { params: sizes.params.toLocaleString(), memory: formatBytes(sizes.bytes), vocab: sizes.vocab })}
            {ms !== undefined && <> · {t("labUi.measured", { ms: ms.toFixed(0) })}</>}
          </p>
        </section>
      </div>

      <div className="button-row controls" role="toolbar" aria-label={t("labUi.controls")}>
        <button type="button" className="primary" onClick={trainOrPause} disabled={!canTrain || state.status === "preparing" || (!training && built && state.iter >= s.maxIters)} data-testid="train">
          {training ? t("labUi.pause") : state.status === "paused" || (built && state.iter > 0) ? t("labUi.resumeTraining") : t("labUi.train")}
        </button>
        <button type="button" onClick={stepOnce} disabled={!built || training} data-testid="step">
          {t("labUi.step")}
        </button>
        <button type="button" onClick={build} disabled={built || !canTrain}>
          {t("labUi.build")}
        </button>
        <button type="button" onClick={resetRun} disabled={state.status === "idle"} data-testid="reset">
          {t("labUi.reset")}
        </button>
        <button type="button" onClick={() => send({ type: "checkpoint", reason: "download" })} disabled={!built || training}>
          {t("labUi.download")}
        </button>
        <label className="file-button">
          {t("labUi.uploadCheckpoint")}
          <input type="file" accept=".safetensors" onChange={(e) => e.target.files?.[0] && void uploadCheckpoint(e.target.files[0])} data-testid="upload-checkpoint" />
        </label>
        <span className="muted">{t("labUi.keys")}</span>
      </div>

      <MeasureStatus />
      {state.progress && (
        <p>
          {t(`labUi.phase.${state.progress.phase}`)} <progress value={state.progress.done} max={state.progress.total || 1} />
        </p>
      )}

      <section className="lab-panel" aria-labelledby="live-title">
        <h2 id="live-title">{t("labUi.live")}</h2>
        <p className="visually-hidden" role="status" aria-live="polite" data-testid="lab-status">
          {t("labUi.announce", { status: t(`labUi.status.${state.status}`), step: state.iter, loss: lastLoss?.toFixed(3) ?? "—" })}
        </p>
        <dl className="stats" data-testid="stats">
          <div><dt>{t("labUi.stat.step")}</dt><dd data-testid="stat-step">{state.iter} / {s.maxIters}</dd></div>
          <div><dt>{t("labUi.stat.loss")}</dt><dd data-testid="stat-loss">{lastLoss?.toFixed(3) ?? "—"}</dd></div>
          <div><dt>{t("labUi.stat.val")}</dt><dd data-testid="stat-val">{lastEval ? lastEval.val.toFixed(3) : "—"}</dd></div>
          <div><dt>{t("labUi.stat.lr")}</dt><dd>{state.steps.lr.length ? state.steps.lr[state.steps.lr.length - 1].toExponential(2) : "—"}</dd></div>
          <div><dt>{t("labUi.stat.gradNorm")}</dt><dd>{state.steps.gradNorm.length ? state.steps.gradNorm[state.steps.gradNorm.length - 1].toFixed(3) : "—"}</dd></div>
          <div><dt>{t("labUi.stat.ms")}</dt><dd>{ms?.toFixed(0) ?? "—"}</dd></div>
          <div><dt>{t("labUi.stat.tps")}</dt><dd>{state.steps.tokensPerSec.length ? Math.round(state.steps.tokensPerSec[state.steps.tokensPerSec.length - 1]).toLocaleString() : "—"}</dd></div>
          <div><dt>{t("labUi.stat.eta")}</dt><dd>{eta !== undefined && training ? `${Math.ceil(eta)} s` : "—"}</dd></div>
          <div><dt>{t("labUi.stat.backend")}</dt><dd data-testid="stat-backend">{state.backend ? `${state.backend}${mode === "main thread" ? ` (${t("labUi.mainThread")})` : ""}` : "—"}</dd></div>
          <div><dt>{t("labUi.stat.params")}</dt><dd>{state.numParams?.toLocaleString() ?? "—"}</dd></div>
          {saved !== null && <div><dt>{t("labUi.stat.saved")}</dt><dd data-testid="stat-saved">{saved}</dd></div>}
        </dl>
        <LinePlot
          testId="loss-chart"
          x={state.steps.iter}
          xLabel={t("labUi.chart.step")}
          yLabel={t("labUi.chart.loss")}
          series={[
            { label: t("labUi.chart.train"), color: "#1f77b4", values: state.steps.loss },
            { label: t("labUi.chart.val"), color: "#d62728", values: state.steps.iter.map((it) => (evalByIter.has(it) ? state.evals.val[evalByIter.get(it)!] : null)) },
          ]}
          refs={[{ label: `ln(vocab) = ${Math.log(sizes.vocab).toFixed(2)}`, y: Math.log(sizes.vocab), color: "#888" }, ...(ref ? [{ ...ref, color: "#2ca02c" }] : [])]}
        />
        {state.samples.length > 0 && (
          <div className="samples">
            <h3>{t("labUi.samples")}</h3>
            {state.samples.slice(0, 3).map((x) => (
              <figure key={x.iter}>
                <figcaption>{t("labUi.sampleAt", { iter: x.iter })}</figcaption>
                <pre data-testid="sample">{x.text}</pre>
              </figure>
            ))}
          </div>
        )}
      </section>

      <GeneratePanel ready={built && !training} send={send} listen={listen} />

      {!embedded && (
      <section className="lab-panel" aria-labelledby="runs-title">
        <h2 id="runs-title">{t("labUi.runs")}</h2>
        {runs.length === 0 ? (
          <p className="muted">{t("labUi.noRuns")}</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="runs-table">
              <thead>
                <tr>
                  <th>{t("labUi.runCols.when")}</th>
                  <th>{t("labUi.runCols.config")}</th>
                  <th>{t("labUi.runCols.steps")}</th>
                  <th>{t("labUi.runCols.val")}</th>
                  <th>{t("labUi.runCols.time")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td>{new Date(r.createdAt).toLocaleString()}</td>
                    <td>{`${r.settings.corpus}, ${r.settings.tokenizer}, ${r.settings.nLayer}×${r.settings.nHead}×${r.settings.nEmbd}, block ${r.settings.blockSize}`}</td>
                    <td>{r.checkpointIter ?? 0}</td>
                    <td>{r.state.evals.val.length ? r.state.evals.val[r.state.evals.val.length - 1].toFixed(3) : "—"}</td>
                    <td>{Math.round(r.trainSeconds)} s</td>
                    <td>
                      <button type="button" onClick={() => void resume(r)} disabled={training}>
                        {t("labUi.open")}
                      </button>{" "}
                      <button type="button" onClick={() => void deleteRun(r.id).then(refreshRuns)} aria-label={t("labUi.delete")}>
                        ✕
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      )}
    </div>
  );
}
