import { useTranslation } from "react-i18next";
import type { Precision } from "./check";

interface Point {
  log10h: number;
  error: number;
}

const W = 360, H = 230, L = 50, R = 16, T = 12, B = 38;
const X0 = -7, X1 = -1, Y0 = -17, Y1 = 1; // log10 h and log10 error ranges; an error of 0 sits on the floor
const px = (lx: number) => L + ((lx - X0) / (X1 - X0)) * (W - L - R);
const py = (ly: number) => T + ((Y1 - Math.max(Y0, Math.min(Y1, ly))) / (Y1 - Y0)) * (H - T - B);
const path = (pts: Point[]) => pts.map((p, i) => `${i ? "L" : "M"}${px(p.log10h).toFixed(1)},${py(p.error > 0 ? Math.log10(p.error) : Y0).toFixed(1)}`).join(" ");

/**
 * Relative error of the centred difference against the exact gradient, log-log, for float64 and float32. Large h:
 * the truncation error (∝ h²) dominates; small h: rounding error (∝ ε/h) takes over, so each curve is a V.
 */
export function ErrorPlot({ f64, f32, precision, log10h, title }: { f64: Point[]; f32: Point[]; precision: Precision; log10h: number; title: string }) {
  const { t } = useTranslation();
  const yTicks = [0, -4, -8, -12, -16];
  return (
    <figure className="fc-plot" data-testid="fc-plot">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {yTicks.map((y) => (
          <g key={y}>
            <line className="fc-grid" x1={L} x2={W - R} y1={py(y)} y2={py(y)} />
            <text className="fc-tick" x={L - 4} y={py(y) + 4} textAnchor="end">
              {y === 0 ? "1" : `1e${y}`}
            </text>
          </g>
        ))}
        {[-7, -6, -5, -4, -3, -2, -1].map((x) => (
          <text key={x} className="fc-tick" x={px(x)} y={H - B + 16} textAnchor="middle">
            {`1e${x}`}
          </text>
        ))}
        <text className="fc-axis" x={(L + W - R) / 2} y={H - 4} textAnchor="middle">
          h
        </text>
        <line className="fc-marker" x1={px(log10h)} x2={px(log10h)} y1={T} y2={H - B} />
        <path className={`fc-curve f64${precision === "f64" ? " on" : ""}`} d={path(f64)} />
        <path className={`fc-curve f32${precision === "f32" ? " on" : ""}`} d={path(f32)} />
      </svg>
      <figcaption className="fc-legend">
        <span className="fc-key f64" /> {t("frameworkCheck.f64")} <span className="fc-key f32" /> {t("frameworkCheck.f32")} — {title}
      </figcaption>
    </figure>
  );
}
