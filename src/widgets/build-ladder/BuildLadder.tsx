import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { NumberField } from "../sampling-panel/NumberField";
import { lossAxis, toPercent } from "./ladder";
import { loadRecorded, useLadder, type RecordedLadder } from "./useLadder";
import "../sampling-panel/sampling-panel.css";
import "./build-ladder.css";

const RUNGS = ["bigram", "head", "heads", "mlp", "residual", "layernorm", "stack"] as const;
const fmt = (x: number | undefined, d = 3) => (x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(d));

/**
 * The build-up ladder: seven models trained one after another in a worker, each one piece more than the last,
 * with the same data, steps and seed. Each rung's validation loss appears as a bar beside the recorded run's
 * (a ring), with ln(vocab) and the counting bigram as reference lines.
 */
export default function BuildLadder({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(() => ({ steps: { type: "number", default: Number(props.steps), min: 10, max: 3000, integer: true } }) as const, [props.steps]);
  const [s, update, resetUrl] = useUrlState(String(props.id), schema);
  const { view, run, stop, reset } = useLadder();
  const [rec, setRec] = useState<RecordedLadder | null>(null);
  const [recError, setRecError] = useState<string | null>(null);
  useEffect(() => {
    loadRecorded().then(setRec, (e: Error) => setRecError(e.message));
  }, []);

  const running = view.phase === "starting" || view.phase === "running";
  const lnV = view.lnVocab ?? rec?.lnVocab;
  const baseline = view.baseline ?? rec?.bigramBaseline;
  const byId = new Map(view.results.map((r) => [r.id, r]));
  const recById = new Map((rec?.rungs ?? []).map((r) => [r.id, r]));
  const cur = view.current;
  const axis = lossAxis([lnV ?? NaN, baseline ?? NaN, ...view.results.map((r) => r.val), ...(rec?.rungs.map((r) => r.val) ?? []), cur?.smooth ?? NaN]);
  const sameBudget = !rec || rec.settings.train.maxIters === s.steps;
  const finished = view.results.length === RUNGS.length;

  const line = (x: number | undefined, cls: string, label: string) =>
    x !== undefined && (
      <div className={`bl-ref ${cls}`} style={{ left: `${toPercent(x, axis)}%` }} aria-hidden="true">
        <span>{label}</span>
      </div>
    );

  return (
    <figure className="widget build-ladder" data-testid="build-ladder" data-id={String(props.id)}>
      <figcaption>{t("gpt.ladder.title")}</figcaption>
      <div className="dc-controls">
        <NumberField label={t("gpt.ladder.steps")} value={s.steps} min={10} max={3000} integer onChange={(steps) => !running && update({ steps })} testId="ladder-steps" field="steps" />
      </div>
      <div className="dc-buttons">
        <button className="primary" disabled={running || finished} onClick={() => run(s.steps)} data-testid="ladder-run">
          {view.results.length > 0 && !finished ? t("gpt.ladder.resume") : t("gpt.ladder.run")}
        </button>
        <button disabled={!running} onClick={stop} data-testid="ladder-stop">
          {t("gpt.ladder.stop")}
        </button>
        <button
          onClick={() => {
            reset();
            resetUrl();
          }}
          data-testid="ladder-reset"
        >
          {t("widget.reset")}
        </button>
      </div>
      <p className="dc-status" aria-live="polite" data-testid="ladder-status">
        {view.phase === "running" && cur
          ? t("gpt.ladder.training", { rung: t(`gpt.ladder.rungs.${cur.id}`), step: cur.step + 1, steps: s.steps, loss: fmt(cur.loss) })
          : t(`gpt.ladder.phases.${view.phase}`, { backend: view.backend ?? "" })}
      </p>
      {view.error && (
        <p className="dc-error" role="alert" data-testid="ladder-error">
          {view.error}
        </p>
      )}
      {recError && <p className="dc-error">{recError}</p>}
      {!sameBudget && <p className="dc-muted">{t("gpt.ladder.otherBudget", { steps: rec?.settings.train.maxIters })}</p>}
      <div className="bl-chart" role="table" aria-label={t("gpt.ladder.title")}>
        <div className="bl-row bl-head" role="row">
          <span role="columnheader">{t("gpt.ladder.rung")}</span>
          <span role="columnheader" className="bl-axis">
            <span>{axis[0].toFixed(1)}</span>
            <span>{t("gpt.ladder.axis")}</span>
            <span>{axis[1].toFixed(1)}</span>
          </span>
          <span role="columnheader">{t("gpt.ladder.val")}</span>
        </div>
        <div className="bl-rows">
          <div className="bl-refs">
            {line(lnV, "bl-lnv", t("gpt.ladder.lnV", { v: fmt(lnV, 2) }))}
            {line(baseline, "bl-bigram", t("gpt.ladder.baseline", { v: fmt(baseline, 2) }))}
          </div>
          {RUNGS.map((id, i) => {
            const r = byId.get(id);
            const recorded = recById.get(id);
            const prev = i > 0 ? byId.get(RUNGS[i - 1]) : undefined;
            const live = cur?.id === id ? cur : undefined;
            return (
              <div className={`bl-row${live ? " bl-live" : ""}`} role="row" key={id} data-testid={`ladder-rung-${id}`} data-val={r ? r.val.toFixed(4) : ""}>
                <span role="rowheader" className="bl-name">
                  {t(`gpt.ladder.rungs.${id}`)}
                  {r && <small>{t("gpt.ladder.params", { n: r.params.toLocaleString("en-US") })}</small>}
                </span>
                <span role="cell" className="bl-track">
                  {r && <span className="bl-bar" style={{ width: `${toPercent(r.val, axis)}%` }} />}
                  {live && Number.isFinite(live.smooth) && <span className="bl-bar bl-bar-live" style={{ width: `${toPercent(live.smooth, axis)}%` }} />}
                  {recorded && <span className="bl-rec" style={{ left: `${toPercent(recorded.val, axis)}%` }} title={t("gpt.ladder.recordedTip", { v: fmt(recorded.val) })} />}
                </span>
                <span role="cell" className="bl-num">
                  {r ? fmt(r.val) : live ? "…" : "–"}
                  {r && prev && <small className={r.val < prev.val ? "bl-down" : "bl-up"}>{`${r.val < prev.val ? "−" : "+"}${Math.abs(r.val - prev.val).toFixed(3)}`}</small>}
                  {recorded && <small className="bl-recnum">{t("gpt.ladder.recorded", { v: fmt(recorded.val) })}</small>}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      <p className="dc-muted bl-legend">
        <span className="bl-key bl-key-bar" /> {t("gpt.ladder.legendRun")} <span className="bl-key bl-key-rec" /> {t("gpt.ladder.legendRec", { date: rec?.date ?? "", backend: rec?.backend ?? "" })}
      </p>
    </figure>
  );
}
