import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

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
  height?: number;
  /** Horizontal reference lines, e.g. ln(vocab) or a published loss. */
  refs?: { label: string; y: number; color: string }[];
  testId?: string;
}

/**
 * A line chart on uPlot: canvas-drawn, so thousands of points redraw smoothly while training. The chart is
 * created once per set of series and afterwards only fed new data (setData), never rebuilt.
 */
export function LinePlot({ x, series, xLabel, yLabel, height = 260, refs = [], testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const refsRef = useRef(refs);
  useEffect(() => {
    refsRef.current = refs; // read by the draw hook, which outlives renders
  });
  // the chart reads its colours from CSS variables when built: rebuild it when the theme changes
  const [theme, setTheme] = useState(() => document.documentElement.dataset.theme);
  useEffect(() => {
    const obs = new MutationObserver(() => setTheme(document.documentElement.dataset.theme));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => obs.disconnect();
  }, []);
  const shape = series.map((s) => `${s.label}|${s.color}`).join(",") + refs.map((r) => r.label).join(",");

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const css = getComputedStyle(el);
    const fg = css.getPropertyValue("--muted").trim() || "#666";
    const grid = css.getPropertyValue("--border").trim() || "#ddd";
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      legend: { live: true },
      scales: { x: { time: false } },
      axes: [{ ...axis, label: xLabel }, { ...axis, label: yLabel }],
      series: [{ label: xLabel }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, dash: s.dash, spanGaps: true, points: { show: false } }))],
      hooks: {
        draw: [
          (u) => {
            // reference lines, drawn over the plot area with their labels
            const ctx = u.ctx;
            for (const r of refsRef.current) {
              const y = u.valToPos(r.y, "y", true);
              if (!Number.isFinite(y) || y < u.bbox.top || y > u.bbox.top + u.bbox.height) continue;
              ctx.save();
              ctx.strokeStyle = r.color;
              ctx.setLineDash([6, 4]);
              ctx.beginPath();
              ctx.moveTo(u.bbox.left, y);
              ctx.lineTo(u.bbox.left + u.bbox.width, y);
              ctx.stroke();
              ctx.fillStyle = r.color;
              ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
              ctx.fillText(r.label, u.bbox.left + 6 * devicePixelRatio, y - 4 * devicePixelRatio);
              ctx.restore();
            }
          },
        ],
      },
    };
    const u = new uPlot(opts, [[], ...series.map(() => [])], el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // series/refs identity changes every render; `shape` captures what requires a rebuild
  }, [shape, height, xLabel, yLabel, theme]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const u = plot.current;
    if (!u) return;
    // keep the reference lines inside the y range so they stay visible
    const ys = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
    const all = [...ys, ...refs.map((r) => r.y)];
    u.setData([x, ...series.map((s) => s.values)] as uPlot.AlignedData, false);
    if (all.length) {
      const lo = Math.min(...all), hi = Math.max(...all);
      const pad = (hi - lo) * 0.05 || 0.5;
      u.setScale("x", { min: x.length ? x[0] : 0, max: x.length ? Math.max(x[x.length - 1], x[0] + 1) : 1 });
      u.setScale("y", { min: lo - pad, max: hi + pad });
    }
  });

  return <div ref={box} className="line-plot" data-testid={testId} role="img" aria-label={`${yLabel} vs ${xLabel}: ${series.map((s) => s.label).join(", ")}`} />;
}
