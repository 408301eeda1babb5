import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { pairFrequency } from "../../core";
import { ModelPicker } from "../shared/ModelPicker";
import { PRETRAINED, useDemoModel, type DemoModel } from "../shared/demoModel";
import { positionTable, schemes, tableScale, type Scheme } from "./positions";
import { ShufflePanel } from "./ShufflePanel";
import "./position-lab.css";
import { errorText } from "../../lab/messageText";

const WIDTHS = ["4", "8", "16", "32", "64", "128"] as const;
const BASES = ["100", "1000", "10000"] as const;
const T_FIXED = 64; // positions drawn for the fixed schemes (the pretrained model's blockSize)
const MAX_DIALS = 8;

/** Position schemes compared: the table, similarity against position, the pairs' angles; and the shuffle test. */
export default function PositionLab({ props }: WidgetProps) {
  const { t } = useTranslation();
  const id = String(props.id);
  const schema = useMemo(
    () =>
      ({
        model: { type: "string", default: PRETRAINED, maxLength: 80 },
        scheme: { type: "enum", default: String(props.scheme), values: schemes },
        d: { type: "enum", default: "16", values: WIDTHS },
        base: { type: "enum", default: "10000", values: BASES },
        p: { type: "number", default: 8, min: 0, max: 4095, integer: true },
        text: { type: "string", default: "Call me Ishmael.", maxLength: 64 },
        positions: { type: "boolean", default: false },
        causal: { type: "boolean", default: false },
        seed: { type: "number", default: 1, min: 0, max: 1_000_000, integer: true },
      }) as const,
    [props.scheme],
  );
  const [s, update, reset] = useUrlState(id, schema);
  const dm = useDemoModel(s.model);
  const demo = dm.status === "ready" ? dm.demo : null;
  return (
    <figure className="widget position-lab" data-testid="position-lab" data-id={id}>
      <figcaption>{t("embeddings.lab.title")}</figcaption>
      <div className="pl-controls">
        <ModelPicker value={s.model} onChange={(model) => update({ model })} testId="pl-model" />
        <button onClick={reset} data-testid="pl-reset">
          {t("widget.reset")}
        </button>
      </div>
      {dm.status === "loading" && <p className="widget-loading">{t("demoModel.loading")}</p>}
      {dm.status === "error" && (
        <p className="pl-error" role="alert">
          {t("demoModel.error", { message: errorText(dm.error, t) })}
        </p>
      )}
      {props.table !== false && <TablePanel s={s} update={update} demo={demo} />}
      {props.shuffle !== false && demo && <ShufflePanel s={s} update={update} demo={demo} />}
    </figure>
  );
}

interface TableState {
  scheme: Scheme;
  d: (typeof WIDTHS)[number];
  base: (typeof BASES)[number];
  p: number;
}

function TablePanel({ s, update, demo }: { s: TableState; update: (patch: Partial<TableState>) => void; demo: DemoModel | null }) {
  const { t } = useTranslation();
  const scheme = s.scheme;
  const wpe = useMemo(() => (demo ? (demo.model.params["transformer.wpe.weight"].arraySync() as number[][]) : undefined), [demo]);
  const learned = scheme === "learned";
  const T = learned ? (wpe?.length ?? 0) : T_FIXED;
  const d = Number(s.d), base = Number(s.base);
  const table = useMemo(() => (learned && !wpe ? null : positionTable(scheme, T, d, base, wpe)), [scheme, T, d, base, wpe, learned]);
  const p = Math.min(s.p, Math.max(0, T - 1));
  const sim = useMemo(() => table?.similarity(p) ?? [], [table, p]);
  return (
    <section className="pl-table" aria-label={t("embeddings.lab.title")}>
      <div className="pl-controls">
        <label data-field="scheme">
          {t("embeddings.lab.scheme")}
          <select value={scheme} onChange={(e) => update({ scheme: e.target.value as Scheme })} data-testid="pl-scheme">
            {schemes.map((k) => (
              <option key={k} value={k}>
                {t(`embeddings.lab.schemes.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label data-field="d">
          {t("embeddings.lab.d")}
          <select value={s.d} disabled={learned || scheme === "none"} onChange={(e) => update({ d: e.target.value as TableState["d"] })} data-testid="pl-d">
            {WIDTHS.map((w) => (
              <option key={w}>{w}</option>
            ))}
          </select>
        </label>
        <label data-field="base">
          {t("embeddings.lab.base")}
          <select value={s.base} disabled={learned || scheme === "none"} onChange={(e) => update({ base: e.target.value as TableState["base"] })} data-testid="pl-base">
            {BASES.map((b) => (
              <option key={b}>{b}</option>
            ))}
          </select>
        </label>
        <label data-field="p" className="pl-pos">
          <span>
            {t("embeddings.lab.pos")} = <output>{p}</output>
          </span>
          <input type="range" min={0} max={Math.max(0, T - 1)} value={p} onChange={(e) => update({ p: Number(e.target.value) })} data-testid="pl-pos" />
        </label>
      </div>
      {learned && wpe && <p className="pl-note">{t("embeddings.lab.fromModel", { T: wpe.length, C: wpe[0].length })}</p>}
      {scheme === "none" && <p className="pl-note">{t("embeddings.lab.noneNote")}</p>}
      {table && (
        <div className="pl-panels">
          <div>
            <p className="pl-caption">{scheme === "rope" ? t("embeddings.lab.heatRope") : t("embeddings.lab.heatmap", { last: T - 1 })}</p>
            <Heat cells={table.cells} row={p} onRow={(row) => update({ p: row })} />
          </div>
          <div>
            <p className="pl-caption">{scheme === "rope" ? t("embeddings.lab.simRope", { p }) : t("embeddings.lab.sim", { p })}</p>
            <SimPlot values={sim} p={p} />
          </div>
        </div>
      )}
      {(scheme === "sinusoidal" || scheme === "rope") && <Dials p={p} d={d} base={base} />}
    </section>
  );
}

/** The table as a canvas heat map (rows: positions), blue for positive, orange for negative; the row p outlined. */
function Heat({ cells, row, onRow }: { cells: number[][]; row: number; onRow: (r: number) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [theme, setTheme] = useState(() => document.documentElement.dataset.theme);
  useEffect(() => {
    const obs = new MutationObserver(() => setTheme(document.documentElement.dataset.theme));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => obs.disconnect();
  }, []);
  const rows = cells.length, cols = cells[0]?.length ?? 0;
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext("2d");
    if (!c || !ctx || !rows || !cols) return;
    const cs = getComputedStyle(c);
    const pos = cs.getPropertyValue("--accent").trim() || "#1f5fa8";
    const bg = cs.getPropertyValue("--bg").trim() || "#ffffff";
    const scale = tableScale(cells);
    const cw = Math.max(1, Math.floor(512 / cols)), ch = Math.max(1, Math.floor(256 / rows));
    c.width = cols * cw;
    c.height = rows * ch;
    ctx.fillStyle = bg;
    ctx.fillRect(0, 0, c.width, c.height);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        const x = cells[i][j] / scale;
        ctx.globalAlpha = Math.min(1, Math.abs(x));
        ctx.fillStyle = x >= 0 ? pos : "#d9822b";
        ctx.fillRect(j * cw, i * ch, cw, ch);
      }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = cs.getPropertyValue("--focus").trim() || "#e0a100";
    ctx.lineWidth = 2;
    ctx.strokeRect(1, row * ch, c.width - 2, ch);
  }, [cells, row, rows, cols, theme]);
  return (
    <canvas
      ref={canvas}
      className="pl-heat"
      data-testid="pl-heatmap"
      data-rows={rows}
      data-cols={cols}
      aria-label={`${rows} × ${cols}`}
      onClick={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        onRow(Math.min(rows - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * rows))));
      }}
    />
  );
}

/** Similarity against position t as a line from −1 to 1, with t = p marked. */
function SimPlot({ values, p }: { values: number[]; p: number }) {
  const { t } = useTranslation();
  const n = values.length;
  const x = (i: number) => (n > 1 ? (100 * i) / (n - 1) : 50);
  const y = (v: number) => 50 - 45 * v;
  const [hover, setHover] = useState<number | null>(null);
  const at = hover ?? Math.min(n - 1, p + 1);
  return (
    <div className="pl-sim">
      <div className="pl-sim-box">
        <svg
          viewBox="0 0 100 100"
          preserveAspectRatio="none"
          data-testid="pl-sim"
          data-values={values.map((v) => v.toFixed(3)).join(",")}
          onMouseMove={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            setHover(Math.round(((e.clientX - r.left) / r.width) * (n - 1)));
          }}
          onMouseLeave={() => setHover(null)}
          aria-hidden="true"
        >
          <line className="pl-axis" x1={0} x2={100} y1={50} y2={50} />
          <line className="pl-axis" x1={0} x2={100} y1={5} y2={5} strokeDasharray="2 2" />
          <line className="pl-mark" x1={x(p)} x2={x(p)} y1={0} y2={100} />
          <polyline className="pl-line" points={values.map((v, i) => `${x(i)},${y(v)}`).join(" ")} />
        </svg>
        <span className="pl-y pl-y1" aria-hidden="true">1</span>
        <span className="pl-y pl-y0" aria-hidden="true">0</span>
      </div>
      <p className="pl-axis-label">
        <span>0</span>
        <span>{t("embeddings.lab.simAxis")}</span>
        <span>{n - 1}</span>
      </p>
      {n > 0 && at >= 0 && <p className="pl-readout">{t("embeddings.lab.simAt", { t: at, s: values[at].toFixed(3) })}</p>}
    </div>
  );
}

/** The first pairs as dials: pair i at position p points at angle p·θᵢ (fast pairs spin, slow pairs crawl). */
function Dials({ p, d, base }: { p: number; d: number; base: number }) {
  const { t } = useTranslation();
  const pairs = Array.from({ length: Math.min(d / 2, MAX_DIALS) }, (_, i) => i);
  return (
    <div className="pl-dials-wrap">
      <p className="pl-caption">{t("embeddings.lab.pairs", { p })}</p>
      <ul className="pl-dials" data-testid="pl-dials">
        {pairs.map((i) => {
          const theta = pairFrequency(i, d, base);
          const angle = p * theta;
          return (
            <li key={i} title={t("embeddings.lab.pair", { i, theta: theta.toPrecision(3), angle: angle.toFixed(2) })}>
              <svg viewBox="-12 -12 24 24" aria-hidden="true">
                <circle r={10} className="pl-dial" />
                <line x1={0} y1={0} x2={10 * Math.cos(angle)} y2={-10 * Math.sin(angle)} className="pl-hand" />
              </svg>
              <span>
                {i}: θ={theta.toPrecision(2)}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
