import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { logTicks, yRange } from "./plotScale";

export interface Series {
  label: string;
  color: string;
  /** y values aligned with `x`; null where a series has no point (e.g. val loss between evaluations) */
  values: (number | null)[];
  dash?: number[];
}

interface Props {
  x: number[];
  series: Series[];
  xLabel: string;
  yLabel: string;
  /** canvas height in CSS px; without it the chart fills the height CSS gives `.line-plot` */
  height?: number;
  /** Horizontal reference lines, e.g. ln(vocab) or a published loss. */
  refs?: { label: string; y: number; color: string }[];
  /** a logarithmic y axis (losses: the late, slow part of training gets room) */
  logScale?: boolean;
  /** shown as a checkbox beside the legend when given */
  onLogScale?: (on: boolean) => void;
  logLabel?: string;
  /** how legend values are written (default: 3 decimals) */
  format?: (v: number) => string;
  testId?: string;
}

/** Axis text relative to the page's type: 0.8 × the chart's font size (18 px on a 1920-px projector). */
const AXIS_EM = 0.8;

const lastFinite = (vs: (number | null)[], upTo = vs.length - 1): number | null => {
  for (let i = Math.min(upTo, vs.length - 1); i >= 0; i--) {
    const v = vs[i];
    if (v !== null && Number.isFinite(v)) return v;
  }
  return null;
};

/**
 * A line chart on uPlot: canvas-drawn, so thousands of points redraw smoothly while training. The chart is
 * created once per set of series and afterwards only fed new data (setData), never rebuilt. Its text scales
 * with the page's font size; the legend shows the latest values (the hovered step's while the pointer is over
 * the chart); reference lines keep their labels inside the plot.
 */
export function LinePlot({ x, series, xLabel, yLabel, height, refs = [], logScale = false, onLogScale, logLabel, format = (v) => v.toFixed(3), testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const refsRef = useRef(refs);
  useEffect(() => {
    refsRef.current = refs; // read by the draw hook, which outlives renders
  });
  const [hover, setHover] = useState<number | null>(null);
  const [fontPx, setFontPx] = useState(16);
  // the chart reads its colours from CSS variables when built: rebuild it when the theme changes
  const [theme, setTheme] = useState(() => document.documentElement.dataset.theme);
  useEffect(() => {
    const obs = new MutationObserver(() => setTheme(document.documentElement.dataset.theme));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => obs.disconnect();
  }, []);
  const shape = series.map((s) => `${s.label}|${s.color}`).join(",") + refs.map((r) => r.label.replace(/[\d.]+$/, "")).join(",");

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const css = getComputedStyle(el);
    const fg = css.getPropertyValue("--muted").trim() || "#666";
    const grid = css.getPropertyValue("--border").trim() || "#ddd";
    const card = css.getPropertyValue("--card").trim() || "#fff";
    const px = Math.round(parseFloat(css.fontSize) * AXIS_EM * 10) / 10 || 13;
    setFontPx(px);
    const font = `${px}px system-ui, sans-serif`;
    const axis = { stroke: fg, font, labelFont: font, labelSize: Math.ceil(px * 1.6), grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    const sizeOf = () => ({ width: el.clientWidth || 600, height: height ?? (el.clientHeight || 260) });
    const opts: uPlot.Options = {
      ...sizeOf(),
      legend: { show: false },
      scales: { x: { time: false }, y: logScale ? { distr: 3, log: 10 } : {} },
      axes: [
        // x is a step count: whole-number ticks only (1, 2, 5, 10, 20, 50, …), never "0.2"
        { ...axis, label: xLabel, size: Math.ceil(px * 2.2), incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000] },
        {
          ...axis,
          label: yLabel,
          size: Math.ceil(px * 3.4),
          ...(logScale ? { splits: (_u: uPlot, _i: number, min: number, max: number) => logTicks(min, max), values: (_u: uPlot, ticks: number[]) => ticks.map((v) => String(v)) } : {}),
        },
      ],
      series: [{ label: xLabel }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, dash: s.dash, spanGaps: true, points: { show: false } }))],
      hooks: {
        setCursor: [(u) => setHover(u.cursor.idx ?? null)],
        draw: [
          (u) => {
            // reference lines across the plot area, each label on a card-coloured patch inside the plot
            const ctx = u.ctx;
            const r = devicePixelRatio || 1;
            const drawn: { label: string; left: number; right: number; top: number; bottom: number }[] = [];
            for (const ref of refsRef.current) {
              const y = u.valToPos(ref.y, "y", true);
              if (!Number.isFinite(y) || y < u.bbox.top || y > u.bbox.top + u.bbox.height) continue;
              ctx.save();
              ctx.strokeStyle = ref.color;
              ctx.lineWidth = r;
              ctx.setLineDash([6 * r, 4 * r]);
              ctx.beginPath();
              ctx.moveTo(u.bbox.left, y);
              ctx.lineTo(u.bbox.left + u.bbox.width, y);
              ctx.stroke();
              ctx.setLineDash([]);
              ctx.font = `${px * r}px system-ui, sans-serif`;
              ctx.textAlign = "right"; // uPlot leaves textAlign as its axes set it: say it
              ctx.textBaseline = "alphabetic";
              const w = ctx.measureText(ref.label).width, h = px * r;
              const right = u.bbox.left + u.bbox.width - 6 * r;
              // above the line, unless that would leave the plot: then below it
              const base = y - 5 * r - h * 0.2 < u.bbox.top + h ? y + h + 4 * r : y - 5 * r;
              ctx.fillStyle = card;
              ctx.globalAlpha = 0.85;
              ctx.fillRect(right - w - 3 * r, base - h, w + 6 * r, h * 1.25);
              ctx.globalAlpha = 1;
              ctx.fillStyle = ref.color;
              ctx.fillText(ref.label, right, base);
              ctx.restore();
              drawn.push({ label: ref.label, left: (right - w) / r, right: right / r, top: (base - h) / r, bottom: base / r });
            }
            el.dataset.refLabels = JSON.stringify(drawn); // where each label went, in CSS px of the canvas (tests read it)
          },
        ],
      },
    };
    const u = new uPlot(opts, [[], ...series.map(() => [])], el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize(sizeOf()));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // series/refs identity changes every render; `shape` captures what requires a rebuild
  }, [shape, height, xLabel, yLabel, theme, logScale]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const u = plot.current;
    if (!u) return;
    // keep the reference lines inside the y range so they stay visible
    const ys = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
    u.setData([x, ...series.map((s) => s.values.map((v) => (logScale && v !== null && v <= 0 ? null : v)))] as uPlot.AlignedData, false);
    const range = yRange([...ys, ...refs.map((r) => r.y)], logScale);
    if (range) {
      u.setScale("x", { min: x.length ? x[0] : 0, max: x.length ? Math.max(x[x.length - 1], x[0] + 1) : 1 });
      u.setScale("y", range);
    }
  });

  // the legend: the hovered step's values, else the latest (never "--" while there is data)
  const at = hover !== null && hover < x.length ? hover : x.length - 1;
  return (
    <div className="line-plot-wrap" data-testid={testId}>
      <div className="line-plot-legend" data-testid={testId && `${testId}-legend`} aria-live="off">
        <span className="lp-item">
          {xLabel} <b>{at >= 0 ? x[at] : "—"}</b>
        </span>
        {series.map((s) => {
          const v = at >= 0 ? (hover !== null ? s.values[at] : lastFinite(s.values)) : null;
          return (
            <span className="lp-item" key={s.label}>
              <i className="lp-swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label} <b>{v !== null && v !== undefined && Number.isFinite(v) ? format(v) : "—"}</b>
            </span>
          );
        })}
        {onLogScale && (
          <label className="lp-log">
            <input type="checkbox" checked={logScale} onChange={(e) => onLogScale(e.target.checked)} data-testid={testId && `${testId}-log`} /> {logLabel ?? "log scale"}
          </label>
        )}
      </div>
      <div
        ref={box}
        className="line-plot"
        style={height ? { height } : undefined}
        data-font-px={fontPx}
        data-log={logScale ? "true" : "false"}
        role="img"
        aria-label={`${yLabel} vs ${xLabel}: ${series.map((s) => s.label).join(", ")}`}
      />
    </div>
  );
}
