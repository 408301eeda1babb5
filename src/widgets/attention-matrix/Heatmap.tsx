import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AttentionStages, Stage } from "./attention";

export const fmt = (x: number, digits = 4) => (x === -Infinity ? "−∞" : x.toFixed(digits).replace(/^-/, "−"));

/** A cell's colour: weights as accent opacity; scores on a diverging scale (accent above 0, orange below). */
function cellStyle(x: number, stage: Stage, maxAbs: number): { background: string } | undefined {
  if (x === -Infinity) return undefined;
  if (stage === "weights") return { background: `color-mix(in srgb, var(--accent) ${Math.round(100 * x)}%, transparent)` };
  const a = maxAbs > 0 ? Math.round((100 * Math.abs(x)) / maxAbs) : 0;
  return { background: `color-mix(in srgb, ${x >= 0 ? "var(--accent)" : "#d9822b"} ${a}%, transparent)` };
}

/**
 * The (L, L) matrix with token labels on both axes: rows are queries, columns keys. The row labels are one
 * tab stop (roving tabindex): ↑/↓/Home/End move the query, and hovering a row or cell previews it.
 */
/** A model view's cell: up to 26/16 rem, ~37 rem across in all, never smaller than its 0.8rem token labels, so it
 * scales with the page's type (a projector's rem is larger) and a long prompt scrolls rather than shrinks. */
const modelCell = (L: number) => `max(0.8rem, ${(Math.min(26, Math.floor(600 / L)) / 16).toFixed(3)}rem)`;

export function Heatmap({ labels, matrix, stage, row, onRow, onHover, numbers }: {
  labels: string[];
  matrix: number[][];
  stage: Stage;
  row: number;
  onRow: (i: number) => void;
  onHover: (cell: { i: number; j: number } | null) => void;
  numbers: boolean;
}) {
  const { t } = useTranslation();
  const L = labels.length;
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const maxAbs = Math.max(0, ...matrix.flat().filter(Number.isFinite).map(Math.abs));
  const move = (i: number) => {
    const k = Math.max(0, Math.min(L - 1, i));
    onRow(k);
    refs.current[k]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const k = { ArrowDown: row + 1, ArrowUp: row - 1, Home: 0, End: L - 1 }[e.key];
    if (k === undefined) return;
    e.preventDefault();
    move(k);
  };
  return (
    <div className={`am-grid-wrap${numbers ? " am-numbers" : ""}`} onMouseLeave={() => onHover(null)}>
      <div className="am-grid" style={{ gridTemplateColumns: `auto repeat(${L}, var(--am-cell))`, ...(numbers ? {} : { "--am-cell": modelCell(L) }) }} data-testid="am-grid" data-stage={stage}>
        <div className="am-corner" aria-hidden="true">
          <span>{t("attention.matrix.cornerQuery")}</span>
          <span>{t("attention.matrix.cornerKey")}</span>
        </div>
        {labels.map((l, j) => (
          <div key={`c${j}`} className="am-col-label" aria-hidden="true" data-selected={j <= row || undefined}>
            {l}
          </div>
        ))}
        {matrix.map((r, i) => [
          <button
            key={`r${i}`}
            ref={(el) => {
              refs.current[i] = el;
            }}
            className="am-row-label"
            tabIndex={i === row ? 0 : -1}
            aria-pressed={i === row}
            aria-label={t("attention.matrix.rowLabel", { token: labels[i], i })}
            data-testid={`am-row-${i}`}
            onClick={() => move(i)}
            onFocus={() => i !== row && onRow(i)}
            onKeyDown={onKey}
            onMouseEnter={() => onHover({ i, j: -1 })}
          >
            {labels[i]}
          </button>,
          ...r.map((x, j) => (
            <div
              key={`${i},${j}`}
              className={`am-cell${x === -Infinity ? " am-masked" : ""}${i === row ? " am-row-on" : ""}`}
              style={cellStyle(x, stage, maxAbs)}
              data-testid={`am-cell-${i}-${j}`}
              data-value={x === -Infinity ? "-Infinity" : x.toFixed(6)}
              title={`${labels[i]} → ${labels[j]}: ${fmt(x)}`}
              onMouseEnter={() => onHover({ i, j })}
            >
              {numbers ? fmt(x, 2) : ""}
            </div>
          )),
        ])}
      </div>
    </div>
  );
}

/** What the selected query mixes: one bar per key, or (for long texts) the text with each token tinted by its weight. */
export function RowWeights({ labels, weights, query, asText }: { labels: string[]; weights: number[]; query: number; asText: boolean }) {
  const { t } = useTranslation();
  const top = weights
    .map((w, j) => ({ w, j }))
    .sort((a, b) => b.w - a.w || a.j - b.j)
    .slice(0, 5);
  return (
    <div className="am-row-weights" data-testid="am-row-weights" data-query={query}>
      <p className="am-row-title">{t("attention.matrix.attendsTo", { token: labels[query] })}</p>
      {asText ? (
        <>
          <p className="am-tinted" data-testid="am-tinted">
            {labels.map((l, j) => (
              <span key={j} data-w={weights[j].toFixed(4)} title={fmt(weights[j])} style={{ background: `color-mix(in srgb, var(--accent) ${Math.round(100 * weights[j])}%, transparent)` }} className={j === query ? "am-self" : undefined}>
                {l}
              </span>
            ))}
          </p>
          <ol className="am-top" data-testid="am-top">
            {top.map(({ w, j }) => (
              <li key={j} data-key={j} data-w={w.toFixed(4)}>
                <code>{labels[j]}</code> <span className="am-pos">#{j}</span> <span className="am-bar" style={{ width: `${Math.round(100 * w)}%` }} /> {fmt(w)}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <ul className="am-bars" data-testid="am-bars">
          {weights.map((w, j) => (
            <li key={j} data-key={j} data-w={w.toFixed(4)}>
              <code>{labels[j]}</code>
              <span className="am-bar-track">
                <span className="am-bar" style={{ width: `${Math.round(100 * w)}%` }} />
              </span>
              <span className="am-w">{fmt(w)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The shape line, the matrix, the hovered cell and the selected row's weights: shared by both sources. */
export function MatrixView({ labels, st, stage, row, onRow, hover, onHover, shape, dk, numbers, extra }: {
  labels: string[];
  st: AttentionStages;
  stage: Stage;
  row: number;
  onRow: (i: number) => void;
  hover: { i: number; j: number } | null;
  onHover: (c: { i: number; j: number } | null) => void;
  shape: number[];
  dk: number;
  numbers: boolean;
  extra?: (query: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const L = labels.length;
  const query = hover && hover.i < L ? hover.i : row;
  const cell = hover && hover.j >= 0 && hover.i < L && hover.j < L ? hover : null;
  return (
    <>
      <p className="am-shape" data-testid="am-shape">
        {t("attention.matrix.shape", { shape: `(${shape.join(", ")})`, dk })}
      </p>
      <Heatmap labels={labels} matrix={st[stage]} stage={stage} row={row} onRow={onRow} onHover={onHover} numbers={numbers} />
      <p className="am-cell-info" aria-live="polite" data-testid="am-cell-info">
        {cell
          ? t("attention.matrix.cell", { q: labels[cell.i], k: labels[cell.j], score: fmt(st.scores[cell.i][cell.j]), masked: fmt(st.masked[cell.i][cell.j]), weight: fmt(st.weights[cell.i][cell.j]) })
          : t("attention.matrix.hoverHint")}
      </p>
      <RowWeights labels={labels} weights={st.weights[query]} query={query} asText={!numbers} />
      {extra?.(query)}
    </>
  );
}
