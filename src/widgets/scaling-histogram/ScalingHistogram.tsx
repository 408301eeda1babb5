import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { attentionRow, DK_STEPS, histogram, sampleDots, scaleAll, softmaxTimes, variance } from "./scaling";
import "./scaling-histogram.css";

const SAMPLES = 4000;
const BINS = 41;
const KEYS = 8;

/** Raw vs scaled q·k for random vectors as d_k grows, and the softmax of one attention row with and without 1/√d_k. */
export default function ScalingHistogram({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        dk: { type: "enum", default: String(props.dk), values: DK_STEPS.map(String) },
        seed: { type: "number", default: 1, min: 0, max: 1_000_000, integer: true },
      }) as const,
    [props.dk],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const dk = Number(s.dk);
  const k = DK_STEPS.indexOf(dk as (typeof DK_STEPS)[number]);
  const data = useMemo(() => {
    const raw = sampleDots(dk, SAMPLES, s.seed);
    const scaled = scaleAll(raw, 1 / Math.sqrt(dk));
    const half = Math.max(4, 4 * Math.sqrt(dk)); // ±4 standard deviations of the raw scores
    return { half, vRaw: variance(raw), vScaled: variance(scaled), hRaw: histogram(raw, -half, half, BINS), hScaled: histogram(scaled, -half, half, BINS), row: attentionRow(dk, KEYS, s.seed) };
  }, [dk, s.seed]);

  return (
    <figure className="widget scaling-histogram" data-testid="scaling-histogram" data-id={String(props.id)}>
      <figcaption>{t("attention.scaling.title")}</figcaption>
      <div className="sh-controls">
        <label className="sh-slider" data-field="dk">
          <span>
            {t("attention.scaling.dk")} <strong data-testid="sh-dk">{dk}</strong>
          </span>
          <input
            type="range"
            min={0}
            max={DK_STEPS.length - 1}
            step={1}
            value={k}
            aria-valuetext={`dₖ = ${dk}`}
            onChange={(e) => update({ dk: String(DK_STEPS[Number(e.target.value)]) })}
            data-testid="sh-dk-slider"
          />
        </label>
        <label data-field="seed">
          {t("attention.scaling.seed")}
          <input type="number" min={0} max={1_000_000} value={s.seed} onChange={(e) => Number.isInteger(Number(e.target.value)) && e.target.value !== "" && update({ seed: Number(e.target.value) })} data-testid="sh-seed" />
        </label>
        <button onClick={() => update({ seed: s.seed + 1 })} data-testid="sh-resample">
          {t("attention.scaling.resample")}
        </button>
        <button onClick={reset} data-testid="sh-reset">
          {t("widget.reset")}
        </button>
      </div>
      <Histogram raw={data.hRaw} scaled={data.hScaled} half={data.half} />
      <table className="sh-stats">
        <thead>
          <tr>
            <th />
            <th>{t("attention.scaling.measured")}</th>
            <th>{t("attention.scaling.theory")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              <span className="sh-key sh-raw" /> {t("attention.scaling.raw")}
            </th>
            <td data-testid="sh-var-raw">{data.vRaw.toFixed(2)}</td>
            <td>{dk}</td>
          </tr>
          <tr>
            <th scope="row">
              <span className="sh-key sh-scaled" /> {t("attention.scaling.scaled", { root: Math.sqrt(dk).toFixed(2) })}
            </th>
            <td data-testid="sh-var-scaled">{data.vScaled.toFixed(3)}</td>
            <td>1</td>
          </tr>
        </tbody>
      </table>
      <p className="sh-note">{t("attention.scaling.samples", { n: SAMPLES.toLocaleString("en") })}</p>
      <h4 className="sh-h">{t("attention.scaling.rowTitle", { keys: KEYS })}</h4>
      <RowBars label={t("attention.scaling.unscaledRow")} weights={data.row.unscaled} testId="sh-row-unscaled" />
      <RowBars label={t("attention.scaling.scaledRow")} weights={data.row.scaled} testId="sh-row-scaled" />
      <h4 className="sh-h">{t("attention.scaling.tableTitle")}</h4>
      <table className="sh-softmax" data-testid="sh-softmax">
        <tbody>
          {[1, 10, 100].map((c) => (
            <tr key={c}>
              <th scope="row">
                <code>softmax([{[1, 2, 3].map((x) => x * c).join(", ")}])</code>
              </th>
              {softmaxTimes(c).map((p, i) => (
                <td key={i}>{p === 0 ? "0" : p < 1e-4 ? p.toExponential(1) : p.toFixed(4)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Two overlaid histograms on one axis, ±4 raw standard deviations. */
function Histogram({ raw, scaled, half }: { raw: number[]; scaled: number[]; half: number }) {
  const { t } = useTranslation();
  const W = 480, H = 200, pad = 26;
  const top = Math.max(...raw, ...scaled);
  const bw = (W - 2 * pad) / raw.length;
  const bars = (h: number[], cls: string) =>
    h.map((c, i) => {
      const y = ((H - pad - 10) * c) / top; // 10 px of headroom above the tallest bar
      return <rect key={i} className={cls} x={pad + i * bw + 0.5} width={Math.max(1, bw - 1)} y={H - pad - y} height={y} />;
    });
  const ticks = [-half, -half / 2, 0, half / 2, half];
  return (
    <svg className="sh-hist" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t("attention.scaling.histLabel", { half: half.toFixed(1) })} data-testid="sh-hist">
      {bars(raw, "sh-raw")}
      {bars(scaled, "sh-scaled")}
      <line x1={pad} x2={W - pad} y1={H - pad} y2={H - pad} className="sh-axis" />
      {ticks.map((x) => {
        const px = pad + ((x + half) / (2 * half)) * (W - 2 * pad);
        return (
          <text key={x} x={px} y={H - 5} textAnchor="middle" className="sh-tick">
            {Number(x.toFixed(1))}
          </text>
        );
      })}
    </svg>
  );
}

function RowBars({ label, weights, testId }: { label: string; weights: number[]; testId: string }) {
  const max = Math.max(...weights);
  return (
    <div className="sh-row" data-testid={testId} data-max={max.toFixed(4)}>
      <span className="sh-row-label">{label}</span>
      <span className="sh-row-bars">
        {weights.map((w, i) => (
          <span key={i} className="sh-wbar" title={w.toFixed(4)}>
            <span style={{ height: `${Math.max(1, Math.round(100 * w))}%` }} />
          </span>
        ))}
      </span>
      <span className="sh-row-max">max {max.toFixed(4)}</span>
    </div>
  );
}
