import { useMemo, useState, type KeyboardEvent, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { ALPHA_STEPS, bigramCorpora, defaultRow, samplePath, showChar, tableView, topNext, type BigramCorpusName, type BigramData } from "./data";
import { useBigramData } from "./useBigramData";
import "./bigram.css";

const fmtLoss = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : "∞");

/** The corpus's V×V bigram table as a heatmap; a chosen row's distribution as bars; samples drawn from it; train and val NLL. */
export default function BigramHeatmap({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        corpus: { type: "enum", default: String(props.corpus), values: bigramCorpora },
        alpha: { type: "enum", default: String(props.alpha), values: ALPHA_STEPS },
        row: { type: "number", default: -1, min: -1, max: 200, integer: true }, // -1: the corpus's default row
        seed: { type: "number", default: 0, min: 0, max: 1_000_000, integer: true }, // 0: nothing sampled yet
      }) as const,
    [props.corpus, props.alpha],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const state = useBigramData(s.corpus as BigramCorpusName);
  return (
    <figure className="widget bigram-widget" data-testid="bigram-heatmap" data-id={String(props.id)}>
      <figcaption>{t("bigram.heatmap.title")}</figcaption>
      <div className="bg-controls">
        <label data-field="corpus" className="bg-field">
          {t("bigram.corpus")}
          <select value={s.corpus} onChange={(e) => update({ corpus: e.target.value as BigramCorpusName, row: -1, seed: 0 })} data-testid="bg-corpus">
            {bigramCorpora.map((c) => (
              <option key={c} value={c}>
                {t(`bigram.corpora.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label data-field="alpha" className="bg-field bg-slider">
          <span>
            {t("bigram.alpha")} <strong data-testid="bg-alpha">{s.alpha}</strong>
          </span>
          <input type="range" min={0} max={ALPHA_STEPS.length - 1} value={ALPHA_STEPS.indexOf(s.alpha as (typeof ALPHA_STEPS)[number])} aria-valuetext={`α = ${s.alpha}`} onChange={(e) => update({ alpha: ALPHA_STEPS[Number(e.target.value)] })} data-testid="bg-alpha-slider" />
        </label>
        <button onClick={reset} data-testid="bg-reset">
          {t("widget.reset")}
        </button>
      </div>
      {state.status === "loading" && <p className="bg-muted">{t("bigram.loading")}</p>}
      {state.status === "error" && <p className="bg-error">{t("bigram.loadError", { message: state.message })}</p>}
      {state.status === "ready" && <Table data={state.data} alpha={Number(s.alpha)} row={s.row < 0 || s.row >= state.data.V ? defaultRow(state.data) : s.row} seed={s.seed} update={update} />}
    </figure>
  );
}

function Table({ data, alpha, row, seed, update }: { data: BigramData; alpha: number; row: number; seed: number; update: (p: { row?: number; seed?: number }) => void }) {
  const { t } = useTranslation();
  const view = useMemo(() => tableView(data, alpha), [data, alpha]);
  const path = useMemo(() => (seed > 0 && data.trainTotals[row] + alpha > 0 ? samplePath(data, view.probs, row, seed) : null), [data, view, row, seed, alpha]);
  const [hover, setHover] = useState<{ a: number; b: number } | null>(null);
  const { V, chars } = data;
  const rowChar = showChar(chars[row]);
  const sample = () => {
    if (data.trainTotals[row] + alpha > 0) update({ seed: seed + 1 });
  };
  const onKey = (e: KeyboardEvent) => {
    const next = { ArrowUp: row - 1, ArrowDown: row + 1, Home: 0, End: V - 1 }[e.key];
    if (next !== undefined) {
      e.preventDefault();
      update({ row: Math.max(0, Math.min(V - 1, next)), seed: 0 });
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      sample();
    }
  };
  const cellAt = (e: MouseEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const size = r.width / (V + 1); // one label column and row, then V cells
    const b = Math.floor((e.clientX - r.left) / size) - 1, a = Math.floor((e.clientY - r.top) / size) - 1;
    return a >= 0 && a < V && b >= 0 && b < V ? { a, b } : null;
  };
  const pathCells = new Set(path ? path.ids.slice(1).map((id, k) => path.ids[k] * V + id) : []);
  const labels = V <= 30; // 83 labels cannot be read at any size: the hover line and the row panel name them
  return (
    <>
      <div className="bg-layout">
        <div className="bg-grid-box">
          <svg
            className="bg-grid"
            viewBox={`0 0 ${V + 1} ${V + 1}`}
            tabIndex={0}
            role="img"
            aria-label={t("bigram.heatmap.gridLabel", { V, row: rowChar })}
            onKeyDown={onKey}
            onClick={(e) => {
              const c = cellAt(e);
              if (c) update({ row: c.a, seed: 0 });
            }}
            onMouseMove={(e) => setHover(cellAt(e))}
            onMouseLeave={() => setHover(null)}
            data-testid="bg-grid"
            data-v={V}
          >
            {Array.from({ length: V }, (_, a) => (
              <g key={a}>
                {labels && (
                  <>
                    <text x={0.5} y={a + 1.5} className={a === row ? "bg-label bg-label-on" : "bg-label"} fontSize={1.1} textAnchor="middle" dominantBaseline="central">
                      {showChar(chars[a])}
                    </text>
                    <text x={a + 1.5} y={0.5} className="bg-label" fontSize={1.1} textAnchor="middle" dominantBaseline="central">
                      {showChar(chars[a])}
                    </text>
                  </>
                )}
                {Array.from({ length: V }, (_, b) => {
                  const p = view.probs[a * V + b];
                  return <rect key={b} x={b + 1} y={a + 1} width={1} height={1} className={p === 0 ? "bg-cell bg-zero" : "bg-cell"} fillOpacity={p === 0 ? undefined : Math.min(1, 0.04 + Math.sqrt(p))} />;
                })}
              </g>
            ))}
            <rect x={1} y={row + 1} width={V} height={1} className="bg-row-on" data-testid="bg-row-outline" />
            {[...pathCells].map((k) => (
              <rect key={k} x={(k % V) + 1.1} y={Math.floor(k / V) + 1.1} width={0.8} height={0.8} className="bg-path-cell" />
            ))}
          </svg>
          <p className="bg-muted bg-hover" data-testid="bg-hover">
            {hover ? t("bigram.heatmap.cell", { a: showChar(chars[hover.a]), b: showChar(chars[hover.b]), count: data.train[hover.a * V + hover.b], p: view.probs[hover.a * V + hover.b].toFixed(4) }) : t("bigram.heatmap.hint")}
          </p>
        </div>
        <RowPanel data={data} probs={view.probs} row={row} onSample={sample} />
      </div>
      {path && (
        <div className="bg-path" data-testid="bg-path">
          <p className="bg-muted">{t("bigram.heatmap.samplePath")}</p>
          <div className="bg-chips">
            {path.ids.map((id, k) => (
              <span key={k} className="bg-chip">
                <span className="bg-chip-char">{showChar(chars[id])}</span>
                {k > 0 && <span className="bg-chip-p">{path.probs[k - 1].toFixed(2)}</span>}
              </span>
            ))}
          </div>
          <p className="bg-muted" data-testid="bg-path-text">
            {path.ids.map((id) => chars[id]).join("")} · {t("bigram.heatmap.sampleNll", { nll: path.nll.toFixed(3) })}
          </p>
        </div>
      )}
      <Stats data={data} view={view} />
    </>
  );
}

function RowPanel({ data, probs, row, onSample }: { data: BigramData; probs: Float64Array; row: number; onSample: () => void }) {
  const { t } = useTranslation();
  const { V, chars } = data;
  const rowChar = showChar(chars[row]);
  const values = probs.subarray(row * V, row * V + V);
  const max = Math.max(...values, 1e-12);
  return (
    <div className="bg-row-panel" data-testid="bg-row" data-row={chars[row]}>
      <h4 className="bg-h">{t("bigram.heatmap.rowTitle", { row: rowChar, total: data.trainTotals[row].toLocaleString("en") })}</h4>
      <div className="bg-bars" role="img" aria-label={t("bigram.heatmap.barsLabel", { row: rowChar, V })}>
        {Array.from(values, (p, j) => (
          <span key={j} className="bg-bar" title={`${rowChar} → ${showChar(chars[j])}: ${p.toFixed(4)}`}>
            <span style={{ height: `${(100 * p) / max}%` }} />
            {V <= 30 && <span className="bg-bar-label">{showChar(chars[j])}</span>}
          </span>
        ))}
      </div>
      <p className="bg-muted">{t("bigram.heatmap.top")}</p>
      <ol className="bg-top" data-testid="bg-top">
        {topNext(probs, V, row, 5).map(({ id, p }) => (
          <li key={id} data-char={chars[id]} data-p={p.toFixed(4)}>
            <code>
              {rowChar} → {showChar(chars[id])}
            </code>{" "}
            <strong>{p.toFixed(4)}</strong> <span className="bg-muted">({data.train[row * V + id].toLocaleString("en")})</span>
          </li>
        ))}
      </ol>
      <button onClick={onSample} disabled={!values.some((p) => p > 0)} data-testid="bg-sample">
        {t("bigram.heatmap.sample")}
      </button>
    </div>
  );
}

function Stats({ data, view }: { data: BigramData; view: ReturnType<typeof tableView> }) {
  const { t } = useTranslation();
  const pairs = (c: Float64Array) => c.reduce((a, b) => a + b, 0).toLocaleString("en");
  return (
    <div className="bg-stats">
      <h4 className="bg-h">{t("bigram.heatmap.stats")}</h4>
      <table>
        <tbody>
          <tr>
            <th scope="row">{t("bigram.heatmap.train")}</th>
            <td data-testid="bg-train-nll">{fmtLoss(view.trainNll)}</td>
            <td className="bg-muted">{t("bigram.heatmap.pairs", { n: pairs(data.train) })}</td>
          </tr>
          <tr>
            <th scope="row">{t("bigram.heatmap.val")}</th>
            <td data-testid="bg-val-nll">{fmtLoss(view.valNll)}</td>
            <td className="bg-muted">{t("bigram.heatmap.pairs", { n: pairs(data.val) })}</td>
          </tr>
          <tr>
            <th scope="row">{t("bigram.heatmap.uniform", { V: data.V })}</th>
            <td>{Math.log(data.V).toFixed(4)}</td>
            <td />
          </tr>
        </tbody>
      </table>
      {view.unseenValPairs > 0 && <p className="bg-error" data-testid="bg-infinite">{t("bigram.heatmap.infinite", { n: view.unseenValPairs.toLocaleString("en") })}</p>}
      {data.dropped > 0 && <p className="bg-muted">{t("bigram.heatmap.dropped", { n: data.dropped })}</p>}
    </div>
  );
}
