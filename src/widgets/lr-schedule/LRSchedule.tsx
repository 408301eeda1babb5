import { useMemo, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { urlStateParam, useUrlState } from "../../hooks/useUrlState";
import { curve, formatLr, lrAt, presetNames, presetSchedules, scheduleProblem, shapes, type PresetName, type Schedule, type Shape } from "./schedule";
import "./lr-schedule.css";

const MAX_STEPS = 1_000_000;

/** The learning rate over training: warmup, then cosine (the trainer's own getLr), linear-to-zero or constant. */
export default function LRSchedule({ props }: WidgetProps) {
  const { t } = useTranslation();
  // the fields' defaults are a preset's: the URL's `<id>.preset` (presenter mode's 1–9 keys), else the directive's
  const [start] = useState(() => urlStateParam(String(props.id), "preset") ?? String(props.preset));
  const schema = useMemo(() => {
    const p = presetSchedules[start as PresetName] ?? presetSchedules[String(props.preset) as PresetName] ?? presetSchedules["moby-char"];
    return {
      shape: { type: "enum", default: "cosine", values: shapes },
      maxLr: { type: "number", default: p.maxLr, min: 0, max: 10 },
      minLr: { type: "number", default: p.minLr, min: 0, max: 10 },
      warmup: { type: "number", default: p.warmup, min: 0, max: MAX_STEPS, integer: true },
      decay: { type: "number", default: p.decaySteps, min: 1, max: MAX_STEPS, integer: true },
      total: { type: "number", default: p.totalSteps, min: 1, max: MAX_STEPS, integer: true },
      cursor: { type: "number", default: p.warmup, min: 0, max: MAX_STEPS, integer: true },
    } as const;
  }, [props.preset, start]);
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const schedule: Schedule = { maxLr: s.maxLr, minLr: s.minLr, warmup: s.warmup, decaySteps: s.decay, totalSteps: s.total };
  const problem = scheduleProblem(schedule);
  const shape = s.shape as Shape;
  const cursor = Math.min(s.cursor, s.total - 1);
  const move = (k: number) => update({ cursor: Math.max(0, Math.min(s.total - 1, Math.round(k))) });
  const onChartKey = (e: KeyboardEvent) => {
    const big = Math.max(1, Math.round(s.total / 20));
    if (e.key === "ArrowRight") move(cursor + (e.shiftKey ? big : 1));
    else if (e.key === "ArrowLeft") move(cursor - (e.shiftKey ? big : 1));
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(s.total - 1);
    else return;
    e.preventDefault();
  };
  const onKey = (e: KeyboardEvent) => {
    if (["INPUT", "SELECT", "TEXTAREA", "BUTTON"].includes((e.target as HTMLElement).tagName)) return;
    if (e.key === "r" || e.key === "R") reset();
  };
  const applyPreset = (name: PresetName) => {
    const p = presetSchedules[name];
    update({ maxLr: p.maxLr, minLr: p.minLr, warmup: p.warmup, decay: p.decaySteps, total: p.totalSteps, cursor: p.warmup });
  };

  return (
    <figure className="widget lr-schedule" data-testid="lr-schedule" data-id={String(props.id)} onKeyDown={onKey}>
      <figcaption>{t("pretraining.lr.title")}</figcaption>
      <div className="lr-top">
        <label>
          {t("pretraining.lr.preset")}
          <select value="" onChange={(e) => e.target.value && applyPreset(e.target.value as PresetName)} data-testid="lr-preset">
            <option value="">{t("pretraining.lr.choosePreset")}</option>
            {presetNames.map((p) => (
              <option key={p} value={p}>
                {t(`pretraining.lr.presets.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset data-field="shape" className="lr-shapes">
          <legend>{t("pretraining.lr.shape")}</legend>
          {shapes.map((k) => (
            <label key={k}>
              <input type="radio" name={`${String(props.id)}-shape`} checked={shape === k} onChange={() => update({ shape: k })} data-testid={`lr-shape-${k}`} /> {t(`pretraining.lr.shapes.${k}`)}
            </label>
          ))}
        </fieldset>
        <button onClick={reset} data-testid="lr-reset" aria-keyshortcuts="R">
          {t("widget.reset")}
        </button>
      </div>
      <div className="lr-fields">
        <LrField label={t("pretraining.lr.maxLr")} value={s.maxLr} onChange={(v) => update({ maxLr: v })} testId="lr-max" field="maxLr" />
        <LrField label={t("pretraining.lr.minLr")} value={s.minLr} onChange={(v) => update({ minLr: v })} testId="lr-min" field="minLr" allowZero />
        <StepField label={t("pretraining.lr.warmup")} value={s.warmup} min={0} max={Math.max(1, s.total)} onChange={(v) => update({ warmup: v })} testId="lr-warmup" field="warmup" />
        <StepField label={t("pretraining.lr.decay")} value={s.decay} min={1} max={Math.max(s.total, s.decay)} onChange={(v) => update({ decay: v })} testId="lr-decay" field="decay" />
        <StepField label={t("pretraining.lr.total")} value={s.total} min={1} max={MAX_STEPS} onChange={(v) => update({ total: v, cursor: Math.min(cursor, v - 1) })} testId="lr-total" field="total" logSlider />
      </div>
      {problem ? (
        <p className="lr-error" role="alert" data-testid="lr-error">
          {problem}
        </p>
      ) : (
        <>
          <Chart schedule={schedule} shape={shape} cursor={cursor} onKeyDown={onChartKey} onPick={move} label={t("pretraining.lr.chartLabel")} />
          <StepField label={t("pretraining.lr.cursor")} value={cursor} min={0} max={s.total - 1} onChange={move} testId="lr-cursor" field="cursor" wide />
          <p className="lr-readout" aria-live="polite" data-testid="lr-readout" data-lr={lrAt(shape, cursor, schedule)}>
            {t("pretraining.lr.readout", { step: cursor, lr: formatLr(lrAt(shape, cursor, schedule)), shape: t(`pretraining.lr.shapes.${shape}`) })}
          </p>
          <table className="lr-compare" data-testid="lr-compare">
            <caption>{t("pretraining.lr.compare", { step: cursor })}</caption>
            <tbody>
              {shapes.map((k) => (
                <tr key={k} className={k === shape ? "current" : undefined} data-shape={k}>
                  <th scope="row">{t(`pretraining.lr.shapes.${k}`)}</th>
                  <td>{formatLr(lrAt(k, cursor, schedule))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}

/** A learning rate: typed (1e-3, 0.0006) or slid on a log scale from 1e-6 to 1e-1. */
function LrField({ label, value, onChange, testId, allowZero, field }: { label: string; value: number; onChange: (v: number) => void; testId: string; allowZero?: boolean; field?: string }) {
  const [text, setText] = useState<string | null>(null); // what the learner is typing, until it parses
  const shown = text ?? String(value);
  return (
    <div className="lr-field" data-field={field}>
      <label>
        {label}
        <input
          type="text"
          inputMode="decimal"
          value={shown}
          onChange={(e) => {
            setText(e.target.value);
            const v = Number(e.target.value);
            if (e.target.value.trim() !== "" && Number.isFinite(v) && (v > 0 || (allowZero && v === 0)) && v <= 10) onChange(v);
          }}
          onBlur={() => setText(null)}
          data-testid={testId}
        />
      </label>
      <input
        type="range"
        min={-6}
        max={-1}
        step={0.01}
        value={Math.log10(Math.max(1e-6, value))}
        onChange={(e) => {
          setText(null);
          onChange(Number((10 ** Number(e.target.value)).toPrecision(3)));
        }}
        aria-label={`${label} (log scale)`}
        data-testid={`${testId}-slider`}
      />
    </div>
  );
}

/** A whole number of steps: a number field and a slider (linear, or logarithmic for ranges that span decades). */
function StepField(p: { label: string; value: number; min: number; max: number; onChange: (v: number) => void; testId: string; logSlider?: boolean; wide?: boolean; field?: string }) {
  const toSlider = (v: number) => (p.logSlider ? Math.log10(Math.max(1, v)) : v);
  const fromSlider = (x: number) => (p.logSlider ? Math.round(10 ** x) : Math.round(x));
  return (
    <div className={`lr-field${p.wide ? " wide" : ""}`} data-field={p.field}>
      <label>
        {p.label}
        <input
          type="number"
          min={p.min}
          max={p.max}
          step={1}
          value={p.value}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (e.target.value.trim() !== "" && Number.isInteger(v) && v >= p.min && v <= MAX_STEPS) p.onChange(v);
          }}
          data-testid={p.testId}
        />
      </label>
      <input
        type="range"
        min={toSlider(p.min)}
        max={toSlider(p.max)}
        step={p.logSlider ? 0.01 : 1}
        value={toSlider(p.value)}
        onChange={(e) => p.onChange(Math.max(p.min, Math.min(p.max, fromSlider(Number(e.target.value)))))}
        aria-label={`${p.label} (slider)`}
        data-testid={`${p.testId}-slider`}
      />
    </div>
  );
}

/** Ticks with labels on the first and last, and on a middle one only where it keeps `gap` chart units from every other label. */
function spaced(values: number[], pos: (v: number) => number, gap: number): { v: number; labelled: boolean }[] {
  const out = [...values].sort((a, b) => pos(a) - pos(b)).map((v, i, all) => ({ v, labelled: i === 0 || i === all.length - 1 }));
  for (const tick of out.slice(1, -1)) tick.labelled = out.every((o) => !o.labelled || Math.abs(pos(o.v) - pos(tick.v)) >= gap);
  if (out.length > 1 && Math.abs(pos(out[0].v) - pos(out[out.length - 1].v)) < gap) out[0].labelled = false;
  return out;
}

const W = 640, H = 260, L = 100, R = 16, TOP = 16, BOTTOM = 40;

function Chart({ schedule, shape, cursor, onKeyDown, onPick, label }: { schedule: Schedule; shape: Shape; cursor: number; onKeyDown: (e: KeyboardEvent) => void; onPick: (step: number) => void; label: string }) {
  const last = Math.max(1, schedule.totalSteps - 1);
  const yMax = schedule.maxLr * 1.08;
  const x = (step: number) => L + ((W - L - R) * step) / last;
  const y = (lr: number) => TOP + (H - TOP - BOTTOM) * (1 - lr / yMax);
  const lines = shapes.map((k) => ({ k, d: curve(k, schedule).map((p, i) => `${i ? "L" : "M"}${x(p.step).toFixed(1)},${y(p.lr).toFixed(1)}`).join("") }));
  const lr = lrAt(shape, cursor, schedule);
  const xTicks = spaced([...new Set([0, schedule.warmup, Math.min(schedule.decaySteps, last), last])].filter((k) => k <= last), x, 70);
  // the max and min lr are labelled first; 0 only where its label does not collide with the min lr's
  const minLabelled = schedule.minLr < schedule.maxLr && y(schedule.minLr) - y(schedule.maxLr) >= 24;
  const yTicks = [
    { v: schedule.maxLr, labelled: true },
    ...(schedule.minLr > 0 ? [{ v: schedule.minLr, labelled: minLabelled }] : []),
    { v: 0, labelled: schedule.minLr === 0 || y(0) - y(schedule.minLr) >= 24 },
  ];
  return (
    <svg
      className="lr-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        const px = ((e.clientX - box.left) / box.width) * W;
        onPick(((px - L) / (W - L - R)) * last);
      }}
      data-testid="lr-chart"
    >
      {yTicks.map(({ v, labelled }) => (
        <g key={`y${v}`} className="lr-grid">
          <line x1={L} x2={W - R} y1={y(v)} y2={y(v)} />
          {labelled && (
            <text x={L - 6} y={y(v) + 5} textAnchor="end">
              {formatLr(v)}
            </text>
          )}
        </g>
      ))}
      {xTicks.map(({ v: k, labelled }, i) => (
        <g key={`x${k}`} className="lr-grid">
          <line x1={x(k)} x2={x(k)} y1={TOP} y2={H - BOTTOM} />
          {labelled && (
            <text x={x(k)} y={H - BOTTOM + 24} textAnchor={i === 0 ? "start" : k === last ? "end" : "middle"}>
              {k.toLocaleString("en")}
            </text>
          )}
        </g>
      ))}
      {lines.map(({ k, d }) => (
        <path key={k} d={d} className={`lr-line lr-${k}${k === shape ? " current" : ""}`} />
      ))}
      <line className="lr-cursor" x1={x(cursor)} x2={x(cursor)} y1={TOP} y2={H - BOTTOM} />
      <circle className="lr-dot" cx={x(cursor)} cy={y(lr)} r={6} />
    </svg>
  );
}
