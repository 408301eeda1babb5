import { useMemo, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { formatShape } from "../../course/exercises/answers";
import { useUrlState } from "../../hooks/useUrlState";
import { broadcastSteps, presetNames, presets, type Frame, type Grid, type PresetName } from "./frames";

const opSign = { add: "+", mul: "×", div: "÷" } as const;
const fmt = (x: number) => String(Number(x.toFixed(3)));

/** Two small tensors; Step stretches each size-1 axis (virtual copies faded), then shows the elementwise result. */
export default function BroadcastAnimator({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        preset: { type: "enum", default: String(props.preset), values: presetNames },
        step: { type: "number", default: 0, min: 0, max: 10, integer: true },
      }) as const,
    [props.preset],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const preset = presets[s.preset as PresetName];
  const steps = useMemo(() => broadcastSteps(preset), [preset]);
  const i = Math.min(s.step, steps.length - 1);
  const step = steps[i];
  const go = (n: number) => update({ step: Math.max(0, Math.min(steps.length - 1, n)) });
  const onKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    if (e.key === "ArrowRight" || e.key === " ") go(i + 1);
    else if (e.key === "ArrowLeft") go(i - 1);
    else if (e.key === "r" || e.key === "R") reset();
    else return;
    e.preventDefault();
  };
  const rowSums = preset.op === "div" && step.result ? step.result.map((r) => r.reduce((acc, c) => acc + c.value, 0)) : null;

  return (
    <figure className="widget broadcast-animator" data-testid="broadcast-animator" data-id={String(props.id)}>
      <figcaption>{t("broadcast.title")}</figcaption>
      <div className="ba-controls">
        <label data-field="preset">
          {t("broadcast.example")}
          <select value={s.preset} onChange={(e) => update({ preset: e.target.value as PresetName, step: 0 })} data-testid="ba-preset">
            {presetNames.map((p) => (
              <option key={p} value={p}>
                {presets[p].code} · {formatShape(presets[p].a.shape)} {opSign[presets[p].op]} {formatShape(presets[p].b.shape)}
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => go(i - 1)} disabled={i === 0} data-testid="ba-back">
          ← {t("broadcast.back")}
        </button>
        <button className="primary" onClick={() => go(i + 1)} disabled={i === steps.length - 1} data-testid="ba-step">
          {t("broadcast.step")} →
        </button>
        <button onClick={reset} data-testid="ba-reset">
          {t("widget.reset")}
        </button>
      </div>
      <div className="ba-stage" tabIndex={0} onKeyDown={onKey} aria-label={t("broadcast.keys")} data-testid="ba-stage">
        <p className="ba-caption" aria-live="polite" data-testid="ba-caption">
          <span className="ba-count">
            {i + 1}/{steps.length}
          </span>{" "}
          {caption(t, step.frame, step.shapeA, step.shapeB)}
        </p>
        <div className="ba-row">
          <GridView name="a" shape={step.shapeA} grid={step.a} testId="ba-a" />
          <span className="ba-op" aria-hidden>
            {opSign[preset.op]}
          </span>
          <GridView name="b" shape={step.shapeB} grid={step.b} testId="ba-b" />
          <span className="ba-op" aria-hidden>
            =
          </span>
          {step.result ? <GridView name={t("broadcast.result")} shape={[step.result.length, step.result[0].length]} grid={step.result} testId="ba-result" sums={rowSums} /> : <span className="ba-pending">?</span>}
        </div>
        {rowSums && (
          <p className="ba-sums" data-testid="ba-sums">
            {t("broadcast.rowSums", { sums: rowSums.map(fmt).join(", ") })}
          </p>
        )}
      </div>
    </figure>
  );
}

type T = (key: string, o?: Record<string, unknown>) => string;
function caption(t: T, f: Frame, a: number[], b: number[]): string {
  switch (f.kind) {
    case "given":
      return t("broadcast.given", { a: formatShape(a), b: formatShape(b) });
    case "align":
      return t("broadcast.align", { name: f.which, from: formatShape(f.from), to: formatShape(f.to) });
    case "stretch":
      return t("broadcast.stretch", { name: f.which, axis: f.axis, to: f.to });
    case "result":
      return t("broadcast.done");
    case "error":
      return t("broadcast.error", { axis: f.axis, a: f.a, b: f.b });
  }
}

function GridView({ name, shape, grid, testId, sums }: { name: string; shape: number[]; grid: Grid; testId: string; sums?: number[] | null }) {
  return (
    <div className="ba-tensor" data-testid={testId}>
      <div className="ba-name">
        {name} <span className="muted">{formatShape(shape)}</span>
      </div>
      <div className="ba-grid" style={{ gridTemplateColumns: `repeat(${grid[0].length}, auto)` }} role="table" aria-label={`${name} ${formatShape(shape)}`}>
        {grid.map((row, i) => (
          <div role="row" key={i} style={{ display: "contents" }}>
            {row.map((c, j) => (
              <span role="cell" key={j} className={`ba-cell ${c.state}`} data-state={c.state} aria-hidden={c.state === "hidden"}>
                {fmt(c.value)}
              </span>
            ))}
          </div>
        ))}
      </div>
      {sums && <span className="visually-hidden">{sums.map(fmt).join(", ")}</span>}
    </div>
  );
}
