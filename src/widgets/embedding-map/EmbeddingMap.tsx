import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { ModelPicker } from "../shared/ModelPicker";
import { PRETRAINED, useDemoModel } from "../shared/demoModel";
import { drawnRows, embeddingView, groups, neighbours, type EmbeddingView, type TableName } from "./embeddingMap";
import "./embedding-map.css";
import { errorText } from "../../lab/messageText";

const MAX_DRAWN = 400;

/** wte or wpe of the demo model, PCA-projected in the page; a point's nearest neighbours by cosine. */
export default function EmbeddingMap({ props }: WidgetProps) {
  const { t } = useTranslation();
  const id = String(props.id);
  const schema = useMemo(
    () =>
      ({
        model: { type: "string", default: PRETRAINED, maxLength: 80 },
        table: { type: "enum", default: String(props.table), values: ["wte", "wpe"] },
        sel: { type: "number", default: -1, min: -1, max: 100_000, integer: true }, // -1: the directive's char
      }) as const,
    [props.table],
  );
  const [s, update, reset] = useUrlState(id, schema);
  const [hover, setHover] = useState<number | null>(null);
  const dm = useDemoModel(s.model);
  const demo = dm.status === "ready" ? dm.demo : null;
  const view = useMemo(() => {
    if (!demo) return null;
    try {
      return { ok: true as const, v: embeddingView(demo.model, s.table as TableName, demo.tokenizer) };
    } catch (e) {
      return { ok: false as const, error: (e as Error).message };
    }
  }, [demo, s.table]);

  let sel = s.sel;
  if (view?.ok && sel < 0) {
    const want = s.table === "wte" && demo ? safeEncode(demo.tokenizer, String(props.char)) : 0;
    sel = want ?? 0;
  }
  if (view?.ok) sel = Math.min(sel, view.v.m.rows - 1);

  return (
    <figure className="widget embedding-map" data-testid="embedding-map" data-id={id}>
      <figcaption>{t("embeddings.map.title")}</figcaption>
      <div className="em-controls">
        <ModelPicker value={s.model} onChange={(model) => update({ model, sel: -1 })} testId="em-model" />
        <label data-field="table">
          {t("embeddings.map.table")}
          <select value={s.table} onChange={(e) => update({ table: e.target.value as TableName, sel: -1 })} data-testid="em-table">
            <option value="wte">{t("embeddings.map.tables.wte")}</option>
            <option value="wpe">{t("embeddings.map.tables.wpe")}</option>
          </select>
        </label>
        <button onClick={() => { reset(); setHover(null); }} data-testid="em-reset">
          {t("widget.reset")}
        </button>
      </div>
      {dm.status === "loading" && <p className="widget-loading">{t("demoModel.loading")}</p>}
      {dm.status === "error" && (
        <p className="em-error" role="alert">
          {t("demoModel.error", { message: errorText(dm.error, t) })}
        </p>
      )}
      {view && !view.ok && (
        <p className="em-error" role="alert">
          {view.error}
        </p>
      )}
      {view?.ok && <MapView v={view.v} sel={sel} hover={hover} onSelect={(i) => update({ sel: i })} onHover={setHover} />}
    </figure>
  );
}

function safeEncode(tok: { encode: (s: string) => number[] }, ch: string): number | null {
  try {
    return tok.encode(ch)[0] ?? null;
  } catch {
    return null;
  }
}

function MapView({ v, sel, hover, onSelect, onHover }: { v: EmbeddingView; sel: number; hover: number | null; onSelect: (i: number) => void; onHover: (i: number | null) => void }) {
  const { t } = useTranslation();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const { points, explained } = v.pca;
  const box = useMemo(() => {
    const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    // PC1 → right, PC2 → up; 6% margins so labels at the edges stay inside
    return (p: number[]) => ({ x: 6 + (88 * (p[0] - x0)) / (x1 - x0 || 1), y: 94 - (88 * (p[1] - y0)) / (y1 - y0 || 1) });
  }, [points]);
  const pos = points.map(box);
  const focus = hover ?? sel;
  const near = useMemo(() => neighbours(v, focus, 5), [v, focus]);
  const rows = v.m.rows;
  const move = (i: number) => {
    const j = (i + rows) % rows;
    onSelect(j);
    buttons.current[j]?.focus();
  };
  const onKey = (e: React.KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (step !== undefined) move(sel + step);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(rows - 1);
    else return;
    e.preventDefault();
  };
  const name = v.table === "wte" ? "wte" : "wpe";
  // a GPT-2-sized vocabulary would be 50,257 buttons: draw the first MAX_DRAWN rows, the selection and its neighbours
  const drawn = drawnRows(rows, MAX_DRAWN, [sel, focus, ...near.map((n) => n.index)]);
  return (
    <>
      <p className="em-shape" data-testid="em-shape">
        {t("embeddings.map.shape", { name, rows, cols: v.m.cols, pc1: (100 * explained[0]).toFixed(1), pc2: (100 * explained[1]).toFixed(1) })}
      </p>
      {drawn && <p className="em-hint">{t("embeddings.map.capped", { shown: drawn.size, rows })}</p>}
      <div className="em-body">
        <div className="em-plot" onKeyDown={onKey} onMouseLeave={() => onHover(null)} data-testid="em-plot">
          <svg viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
            {v.table === "wpe" && !drawn && <polyline className="em-path" points={pos.map((p) => `${p.x},${p.y}`).join(" ")} />}
            {near.map((n) => (
              <line key={n.index} className="em-link" x1={pos[focus].x} y1={pos[focus].y} x2={pos[n.index].x} y2={pos[n.index].y} />
            ))}
          </svg>
          {v.labels.map((label, i) => {
            if (drawn && !drawn.has(i)) return null;
            const g = v.groups[i];
            const style: React.CSSProperties = { left: `${pos[i].x}%`, top: `${pos[i].y}%` };
            if (v.table === "wpe") style.color = `color-mix(in srgb, var(--accent) ${Math.round(100 - (70 * i) / rows)}%, #d9822b)`;
            return (
              <button
                key={i}
                ref={(el) => {
                  buttons.current[i] = el;
                }}
                className={`em-point${g ? ` em-${g}` : ""}`}
                style={style}
                tabIndex={i === sel ? 0 : -1}
                aria-pressed={i === sel}
                aria-label={t("embeddings.map.point", { label, i })}
                data-near={near.some((n) => n.index === i) ? "" : undefined}
                data-testid={`em-point-${i}`}
                data-label={label}
                onClick={() => onSelect(i)}
                onMouseEnter={() => onHover(i)}
                onFocus={() => onHover(null)}
              >
                {label}
              </button>
            );
          })}
        </div>
        <div className="em-side">
          <p className="em-hint">{t("embeddings.map.hint")}</p>
          <div>
            <p className="em-near-title">{t("embeddings.map.selected", { label: v.labels[focus], cols: v.m.cols })}</p>
            <ol className="em-near" data-testid="em-neighbours" data-of={v.labels[focus]}>
              {near.map((n) => (
                <li key={n.index} data-label={v.labels[n.index]} data-sim={n.similarity.toFixed(3)}>
                  <code>{v.labels[n.index]}</code>
                  <span className="em-bar-track">
                    <span className="em-bar" style={{ width: `${Math.max(0, 100 * n.similarity)}%` }} />
                  </span>
                  <span className="em-sim">{n.similarity.toFixed(3)}</span>
                </li>
              ))}
            </ol>
          </div>
          {v.table === "wte" ? (
            <ul className="em-legend">
              {groups
                .filter((g) => v.groups.includes(g))
                .map((g) => (
                  <li key={g} className={`em-${g}`}>
                    <span className="em-swatch" /> {t(`embeddings.map.groups.${g}`)}
                  </li>
                ))}
            </ul>
          ) : (
            <p className="em-hint">{t("embeddings.map.positions", { last: rows - 1 })}</p>
          )}
        </div>
      </div>
    </>
  );
}
