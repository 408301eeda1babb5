import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { labSchema, hiddenControls, settingProblems } from "./settings";
import { publishedReference } from "./presets";
import { embeddingCost, numParamsFor, trainingBytesFor, vocabFor } from "./modelSize";
import { etaSeconds, recentMsPerStep } from "./runState";
import { isBuilt, isTraining } from "./machine";
import { useLab } from "./useLab";
import { GeneratePanel } from "./GeneratePanel";
import { LabNotices } from "./LabNotices";
import { LabSettingsPanel } from "./LabSettingsPanel";
import { LabControls, type ControlsView } from "./LabControls";
import { LabMetrics } from "./LabMetrics";
import { LabChart } from "./LabChart";
import { LabSamples } from "./LabSamples";
import { RunsTable } from "./RunsTable";
import { MeasureStatus } from "../device/MeasureStatus";
import { useMeasureState } from "../device/backendMeasure";
import { LossExplainer } from "./LabHelp";
import { useWakeLock } from "../hooks/useWakeLock";

interface LabProps {
  /** URL prefix for the settings: "lab" on #/lab, another for a lab embedded in a lesson */
  prefix: string;
  /** the settings table, possibly with a lesson's own defaults */
  schema?: typeof labSchema;
  /** embedded in a lesson: no page title, no runs table */
  embedded?: boolean;
}

/**
 * The lab: choose data, tokenizer and model, train in a worker, watch, generate, and never lose the run.
 * Layout only: useLab owns the state machine, the worker and storage; each panel draws one part.
 */
export function Lab({ prefix, schema = labSchema, embedded = false }: LabProps) {
  const { t } = useTranslation();
  const { s, update, own, reading, lab, runs, resumable, actions, send, listen, mode } = useLab(prefix, schema, embedded);
  const run = lab.run;
  const hidden = hiddenControls(s);
  const problems = settingProblems(s, undefined, (key, params) => t(`labProblems.${key}`, params));
  const built = isBuilt(lab);
  const training = isTraining(lab);
  useWakeLock(training); // the screen stays awake while a run trains (a projector, a class watching)

  const courseJa = useBuiltinText(s.corpus === "course-ja" ? "course-ja" : null);
  // the vocabulary the worker builds (or has built): the real tokenizer's, never a guess
  const vocab = useMemo(() => {
    if (run.vocabSize) return { size: run.vocabSize, upTo: false };
    return vocabFor(s, s.corpus === "own" ? own?.text : s.corpus === "course-ja" ? courseJa ?? undefined : undefined);
  }, [s, own, run.vocabSize, courseJa]);
  const sizes = useMemo(() => {
    if (!vocab) return null;
    const c = { vocabSize: vocab.size, blockSize: s.blockSize, nLayer: s.nLayer, nHead: s.nHead, nEmbd: s.nEmbd, bias: s.bias };
    return { params: numParamsFor(c), bytes: trainingBytesFor(c, s.batchSize).total, vocab: c.vocabSize, upTo: vocab.upTo, embedding: embeddingCost(c) };
  }, [s, vocab]);
  const measuring = useMeasureState().running;
  const ms = recentMsPerStep(run);
  const canStart = Object.keys(problems).length === 0 && !(s.corpus === "own" && !own);
  const view: ControlsView = {
    trainLabel: training ? "pause" : run.status === "paused" || (built && run.iter > 0) ? "resumeTraining" : "train",
    canTrain: canStart && run.status !== "preparing" && !(!training && built && run.iter >= s.maxIters),
    canStep: built && !training,
    canBuild: !built && canStart,
    canReset: run.status !== "idle",
    canDownload: built && !training,
  };

  const lastLoss = run.steps.loss.length ? run.steps.loss[run.steps.loss.length - 1] : undefined;
  const lastVal = run.evals.val.length ? run.evals.val[run.evals.val.length - 1] : undefined;

  // Layout: the controls first (Train is above the fold on a laptop), then two columns on a wide screen:
  // the settings on the left, the live metrics and a large chart on the right (all on one projector screen).
  return (
    <div className={embedded ? "lab embedded" : "page lab"}>
      {!embedded && (
        <>
          <h1>{t("lab.title")}</h1>
          <p className="lead">{t("lab.intro")}</p>
        </>
      )}
      <LabNotices lab={lab} resumable={resumable} onResume={(r) => void actions.resume(r)} onStartFresh={actions.startFresh} onDismissFault={actions.dismissFault} />

      <LabControls
        view={view}
        onTrainOrPause={actions.trainOrPause}
        onStep={actions.step}
        onBuild={actions.build}
        onReset={actions.reset}
        onDownload={actions.download}
        onLoadCheckpoint={(f) => void actions.loadCheckpoint(f)}
        stepWhy={view.canStep ? null : training ? "stepTraining" : built ? null : "stepDisabled"}
      />
      {run.status === "preparing" && !run.progress && lab.lastGood && measuring && (
        <p className="notice" role="status" data-testid="waiting-probe">
          {t("labHelp.waitingProbe")}
        </p>
      )}
      {run.progress && (
        <p>
          {t(`labUi.phase.${run.progress.phase}`)} <progress value={run.progress.done} max={run.progress.total || 1} />
        </p>
      )}

      <div className="lab-main">
        <div className="lab-side">
          <MeasureStatus />
          <LabSettingsPanel
            s={s}
            update={update}
            hidden={hidden}
            problems={problems}
            built={built}
            own={own}
            reading={reading}
            onOwnText={actions.setOwnText}
            onReadFile={(f) => void actions.readFile(f)}
            sizes={sizes}
            ms={ms}
          />
        </div>

        <section className="lab-panel lab-live" aria-labelledby="live-title">
          <div className="panel-head">
            <h2 id="live-title">{t("labUi.live")}</h2>
            <span className="muted keys">{t("labUi.keys")}</span>
          </div>
          <LabMetrics run={run} maxIters={s.maxIters} ms={ms} eta={etaSeconds(run, s.maxIters)} mainThread={mode === "main thread"} saved={lab.saved} />
          <LabChart run={run} vocab={sizes?.vocab} reference={publishedReference(s)} />
          {sizes && <LossExplainer vocab={sizes.vocab} upTo={sizes.upTo} loss={lastLoss} val={lastVal} />}
          <LabSamples samples={run.samples} />
        </section>
      </div>

      <GeneratePanel ready={built && !training} send={send} listen={listen} />

      {!embedded && lab.runId && lab.saved !== undefined && (
        <p className="lab-anatomy-link">
          {/* the lesson's anatomy view, switched to this run's latest autosave (its model picker's value) */}
          <a href={`#/lessons/gpt?anat.model=${encodeURIComponent(lab.runId)}`} data-testid="anatomy-link">
            {t("anatomy.fromLab")} →
          </a>
        </p>
      )}

      {!embedded && <RunsTable runs={runs} canOpen={!training} onOpen={(r) => void actions.resume(r)} onDelete={actions.deleteRun} />}
    </div>
  );
}

/** A built-in corpus's text, fetched when it is chosen (for the course's Japanese text, whose vocabulary is counted). */
function useBuiltinText(name: string | null): string | null {
  const [text, setText] = useState<{ name: string; text: string } | null>(null);
  useEffect(() => {
    if (!name || text?.name === name) return;
    let live = true;
    fetch(`corpora/${name}.txt`)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((t) => live && setText({ name, text: t }))
      .catch(() => {}); // the size line says "no text yet"; training reports a failed download with its reason
    return () => {
      live = false;
    };
  }, [name, text]);
  return name && text?.name === name ? text.text : null;
}
