import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { LinePlot } from "../../ui/LinePlot";
import { bigramCorpora, defaultRow, showChar, tableView, type BigramCorpusName, type BigramData } from "../bigram-heatmap/data";
import { useBigramData } from "../bigram-heatmap/useBigramData";
import { LR_STEPS, maxAbsDiff, type LrStep } from "./race";
import { useNeuralRace } from "./useNeuralRace";
import "../bigram-heatmap/bigram.css";

/** Gradient descent on W (one-hot × W, softmax) against the smoothed count table: the loss curve and one row morphing. */
export default function NeuralBigram({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        corpus: { type: "enum", default: String(props.corpus), values: bigramCorpora },
        lr: { type: "enum", default: String(props.lr), values: LR_STEPS },
        row: { type: "number", default: -1, min: -1, max: 200, integer: true },
        seed: { type: "number", default: 1, min: 0, max: 1_000_000, integer: true },
      }) as const,
    [props.corpus, props.lr],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const state = useBigramData(s.corpus as BigramCorpusName);
  const data = state.status === "ready" ? state.data : null;
  return (
    <figure className="widget bigram-widget" data-testid="neural-bigram" data-id={String(props.id)}>
      <figcaption>{t("bigram.race.title")}</figcaption>
      {state.status === "loading" && <p className="bg-muted">{t("bigram.loading")}</p>}
      {state.status === "error" && <p className="bg-error">{t("bigram.loadError", { message: state.message })}</p>}
      {data && <Race data={data} alpha={Number(props.alpha)} s={s} update={update} reset={reset} />}
    </figure>
  );
}

interface RaceProps {
  data: BigramData;
  alpha: number;
  s: { corpus: BigramCorpusName; lr: LrStep; row: number; seed: number };
  update: (p: Partial<RaceProps["s"]>) => void;
  reset: () => void;
}

function Race({ data, alpha, s, update, reset }: RaceProps) {
  const { t } = useTranslation();
  const lr = Number(s.lr);
  const { run, playing, setPlaying, step, restart } = useNeuralRace(data, alpha, lr, s.seed);
  const counts = useMemo(() => tableView(data, alpha), [data, alpha]);
  const row = s.row < 0 || s.row >= data.V ? (data.corpus === "names" ? data.chars.indexOf("a") : defaultRow(data)) : s.row;
  const lnV = Math.log(data.V);
  const last = run.losses.length ? run.losses[run.losses.length - 1] : NaN;
  const stepNow = run.steps.length ? run.steps[run.steps.length - 1] : 0;
  const busy = run.status !== "ready" || !!run.diverged;
  return (
    <>
      <div className="bg-controls">
        <label data-field="corpus" className="bg-field">
          {t("bigram.corpus")}
          <select value={s.corpus} onChange={(e) => update({ corpus: e.target.value as BigramCorpusName, row: -1 })} data-testid="nb-corpus">
            {bigramCorpora.map((c) => (
              <option key={c} value={c}>
                {t(`bigram.corpora.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label data-field="lr" className="bg-field">
          {t("bigram.race.lr")}
          <select value={s.lr} onChange={(e) => update({ lr: e.target.value as LrStep })} data-testid="nb-lr">
            {LR_STEPS.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label data-field="row" className="bg-field">
          {t("bigram.race.row")}
          <select value={row} onChange={(e) => update({ row: Number(e.target.value) })} data-testid="nb-row">
            {data.chars.map((c, i) => (
              <option key={i} value={i}>
                {showChar(c)}
              </option>
            ))}
          </select>
        </label>
        <div className="nb-buttons">
          <button onClick={() => step(1)} disabled={busy || playing} data-testid="nb-step">
            {t("bigram.race.step")}
          </button>
          <button onClick={() => step(10)} disabled={busy || playing} data-testid="nb-step10">
            {t("bigram.race.steps10")}
          </button>
          <button onClick={() => setPlaying(!playing)} disabled={busy} aria-pressed={playing} data-testid="nb-play">
            {playing ? t("bigram.race.pause") : t("bigram.race.play")}
          </button>
          <button
            onClick={() => {
              reset();
              restart();
            }}
            data-testid="nb-reset"
          >
            {t("widget.reset")}
          </button>
        </div>
      </div>
      {run.status === "starting" && <p className="bg-muted">{t("bigram.race.starting")}</p>}
      {run.status === "error" && <p className="bg-error">{run.error}</p>}
      {run.diverged && <p className="bg-error" data-testid="nb-diverged">{t("bigram.race.diverged", { step: run.diverged.step, loss: String(run.diverged.loss), lr })}</p>}
      <p className="nb-status" data-testid="nb-status" data-step={stepNow} data-loss={Number.isFinite(last) ? last.toFixed(4) : ""} data-target={counts.trainNll.toFixed(4)}>
        {t("bigram.race.status", { step: stepNow, loss: Number.isFinite(last) ? last.toFixed(4) : "–", target: counts.trainNll.toFixed(4), gap: Number.isFinite(last) ? (last - counts.trainNll).toFixed(4) : "–" })}
      </p>
      <LinePlot
        x={run.steps}
        series={[{ label: t("bigram.race.loss"), color: "#1f77b4", values: run.losses }]}
        xLabel={t("bigram.race.chartStep")}
        yLabel={t("bigram.race.chartLoss")}
        height={240}
        refs={[
          { label: t("bigram.race.uniform", { V: data.V, loss: lnV.toFixed(3) }), y: lnV, color: "#888" },
          { label: t("bigram.race.countLoss", { loss: counts.trainNll.toFixed(4) }), y: counts.trainNll, color: "#d9822b" },
        ]}
        testId="nb-plot"
      />
      {run.probs && <RowMorph data={data} net={run.probs} counts={counts.probs} row={row} />}
    </>
  );
}

function RowMorph({ data, net, counts, row }: { data: BigramData; net: Float32Array; counts: Float64Array; row: number }) {
  const { t } = useTranslation();
  const { V, chars } = data;
  const rowChar = showChar(chars[row]);
  const a = net.subarray(row * V, row * V + V), b = counts.subarray(row * V, row * V + V);
  const max = Math.max(...a, ...b, 1e-12);
  return (
    <div data-testid="nb-morph">
      <h4 className="bg-h">{t("bigram.race.rowBars", { row: rowChar })}</h4>
      <div className="nb-row" role="img" aria-label={t("bigram.race.rowLabel", { row: rowChar })}>
        {Array.from(a, (p, j) => (
          <span key={j} className="nb-bar" title={`${rowChar} → ${showChar(chars[j])}: ${p.toFixed(4)} / ${b[j].toFixed(4)}`}>
            <span className="nb-fill" style={{ height: `${(100 * p) / max}%` }} />
            <span className="nb-tick" style={{ bottom: `calc(${(100 * b[j]) / max}% - 1.5px)` }} />
            {V <= 30 && <span className="nb-bar-label">{showChar(chars[j])}</span>}
          </span>
        ))}
      </div>
      <p className="bg-muted" data-testid="nb-maxdiff">
        {t("bigram.race.maxDiff", { diff: maxAbsDiff(net, counts).toFixed(4) })}
      </p>
    </div>
  );
}
