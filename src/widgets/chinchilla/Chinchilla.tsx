import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { cardTokens, chinchillaTokens, humanDuration, modelMarks, parseCount, sci, throughputs, trainingFlops, trainingSeconds, type ModelMark, type ThroughputName } from "./chinchilla";
import "./chinchilla.css";

const N_MIN = 1e4, N_MAX = 1e13;
const throughputNames = [...(Object.keys(throughputs) as ThroughputName[]), "custom"] as const;

interface Card {
  parameters: number;
  steps: number;
  model: { blockSize: number };
  train: { batchSize: number; gradAccumSteps?: number };
}

/** The course's pretrained model, from the card scripts/pretrain.ts writes beside its weights. */
function useCourseModel(): ModelMark | null {
  const [mark, setMark] = useState<ModelMark | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`${import.meta.env.BASE_URL ?? "/"}models/moby-char.json`)
      .then((r) => (r.ok ? (r.json() as Promise<Card>) : null))
      .then((card) => live && card && setMark({ key: "course", N: card.parameters, trained: cardTokens(card) }))
      .catch(() => undefined); // without the card the course model's preset is simply absent
    return () => {
      live = false;
    };
  }, []);
  return mark;
}

/** Chinchilla's rules of thumb for a model of N parameters: D* = 20N tokens, C = 6ND FLOPs, and the wall-clock time. */
export default function Chinchilla({ props }: WidgetProps) {
  const { t, i18n } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        N: { type: "number", default: 124e6, min: N_MIN, max: N_MAX },
        device: { type: "enum", default: "a100", values: throughputNames },
        flops: { type: "number", default: 1e14, min: 1, max: 1e18 },
        devices: { type: "number", default: 1, min: 1, max: 1_000_000, integer: true },
      }) as const,
    [],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const course = useCourseModel();
  const marks = useMemo(() => (course ? [course, ...modelMarks] : modelMarks), [course]);
  const [text, setText] = useState<string | null>(null);
  const typed = text === null ? null : parseCount(text);
  const badN = text !== null && (typed === null || typed < N_MIN || typed > N_MAX);

  const D = chinchillaTokens(s.N);
  const C = trainingFlops(s.N, D);
  const perDevice = s.device === "custom" ? s.flops : throughputs[s.device as ThroughputName];
  const time = humanDuration(trainingSeconds(C, perDevice, s.devices));
  const compact = new Intl.NumberFormat(i18n.language, { notation: "compact", maximumSignificantDigits: 3 });
  const plain = new Intl.NumberFormat(i18n.language, { maximumSignificantDigits: 3 });
  const c = sci(C);
  const setN = (N: number) => {
    setText(null);
    update({ N: Math.min(N_MAX, Math.max(N_MIN, N)) });
  };
  const onKey = (e: KeyboardEvent) => {
    if (["INPUT", "SELECT", "TEXTAREA", "BUTTON"].includes((e.target as HTMLElement).tagName)) return;
    if (e.key === "r" || e.key === "R") {
      setText(null);
      reset();
      e.preventDefault();
    }
  };

  return (
    <figure className="widget chinchilla" data-testid="chinchilla" data-id={String(props.id)} onKeyDown={onKey}>
      <figcaption>{t("pretraining.chinchilla.title")}</figcaption>
      <div className="ch-presets" role="group" aria-label={t("pretraining.chinchilla.presets")}>
        {marks.map((m) => (
          <button key={m.key} onClick={() => setN(m.N)} aria-pressed={s.N === m.N} data-testid={`ch-preset-${m.key}`}>
            {t(`pretraining.chinchilla.models.${m.key}`)} <span className="muted">{compact.format(m.N)}</span>
          </button>
        ))}
      </div>
      <div className="ch-n" data-field="N">
        <label>
          {t("pretraining.chinchilla.N")}
          <input
            type="text"
            inputMode="decimal"
            value={text ?? String(s.N)}
            onChange={(e) => {
              setText(e.target.value);
              const v = parseCount(e.target.value);
              if (v !== null && v >= N_MIN && v <= N_MAX) update({ N: v });
            }}
            onBlur={() => !badN && setText(null)}
            aria-invalid={badN}
            aria-describedby={`${String(props.id)}-n-help`}
            data-testid="ch-N"
          />
        </label>
        <input
          type="range"
          min={Math.log10(N_MIN)}
          max={Math.log10(N_MAX)}
          step={0.01}
          value={Math.log10(s.N)}
          onChange={(e) => setN(Number((10 ** Number(e.target.value)).toPrecision(3)))}
          aria-label={t("pretraining.chinchilla.Nslider")}
          data-testid="ch-N-slider"
        />
        <button onClick={() => { setText(null); reset(); }} data-testid="ch-reset" aria-keyshortcuts="R">
          {t("widget.reset")}
        </button>
      </div>
      <p id={`${String(props.id)}-n-help`} className={badN ? "ch-error" : "muted ch-help"} role={badN ? "alert" : undefined} data-testid="ch-N-help">
        {badN ? t("pretraining.chinchilla.badN", { input: text, min: compact.format(N_MIN), max: compact.format(N_MAX) }) : t("pretraining.chinchilla.nHelp")}
      </p>
      <dl className="ch-results">
        <div>
          <dt>{t("pretraining.chinchilla.D")}</dt>
          <dd data-testid="ch-D" data-value={D}>
            {t("pretraining.chinchilla.tokens", { n: compact.format(D) })}
          </dd>
        </div>
        <div>
          <dt>{t("pretraining.chinchilla.C")}</dt>
          <dd data-testid="ch-C" data-value={C}>
            {c.mantissa} × 10<sup>{c.exponent}</sup> FLOPs
          </dd>
        </div>
        <div>
          <dt>{t("pretraining.chinchilla.time")}</dt>
          <dd data-testid="ch-time" data-seconds={trainingSeconds(C, perDevice, s.devices)}>
            {t(`pretraining.chinchilla.units.${time.unit}`, { n: plain.format(time.value) })}
          </dd>
        </div>
      </dl>
      <div className="ch-device">
        <label data-field="device">
          {t("pretraining.chinchilla.device")}
          <select value={s.device} onChange={(e) => update({ device: e.target.value as (typeof throughputNames)[number] })} data-testid="ch-device">
            {throughputNames.map((k) => (
              <option key={k} value={k}>
                {t(`pretraining.chinchilla.devicesList.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {s.device === "custom" && (
          <label data-field="flops">
            {t("pretraining.chinchilla.flops")}
            <input
              type="text"
              inputMode="decimal"
              defaultValue={String(s.flops)}
              onChange={(e) => {
                const v = parseCount(e.target.value);
                if (v !== null && v >= 1 && v <= 1e18) update({ flops: v });
              }}
              data-testid="ch-flops"
            />
          </label>
        )}
        <label data-field="devices">
          {t("pretraining.chinchilla.count")}
          <input
            type="number"
            min={1}
            max={1_000_000}
            value={s.devices}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isInteger(v) && v >= 1 && v <= 1_000_000) update({ devices: v });
            }}
            data-testid="ch-devices"
          />
        </label>
        <span className="muted ch-rate" data-testid="ch-rate">
          {t("pretraining.chinchilla.rate", { flops: sci(perDevice * s.devices).mantissa + "e" + sci(perDevice * s.devices).exponent })}
        </span>
      </div>
      <LogChart N={s.N} marks={marks} label={t("pretraining.chinchilla.chartLabel")} names={(k) => t(`pretraining.chinchilla.models.${k}`)} legend={[t("pretraining.chinchilla.legendOptimal"), t("pretraining.chinchilla.legendTrained")]} axes={[t("pretraining.chinchilla.axisN"), t("pretraining.chinchilla.axisD")]} />
    </figure>
  );
}

const W = 640, H = 340, L = 62, R = 14, TOP = 14, BOTTOM = 56;
const X0 = 4, X1 = 13; // log10 N from 1e4 to 1e13
const Y0 = 5, Y1 = 15; // log10 D from 1e5 to 1e15

function LogChart({ N, marks, label, names, legend, axes }: { N: number; marks: ModelMark[]; label: string; names: (k: string) => string; legend: [string, string]; axes: [string, string] }) {
  const x = (n: number) => L + ((W - L - R) * (Math.log10(n) - X0)) / (X1 - X0);
  const y = (d: number) => TOP + (H - TOP - BOTTOM) * (1 - (Math.log10(d) - Y0) / (Y1 - Y0));
  const lo = Math.max(10 ** X0, 10 ** Y0 / 20), hi = Math.min(10 ** X1, 10 ** Y1 / 20);
  return (
    <svg className="ch-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="ch-chart">
      {Array.from({ length: X1 - X0 + 1 }, (_, i) => X0 + i).map((e) => (
        <g key={`x${e}`} className="ch-grid">
          <line x1={x(10 ** e)} x2={x(10 ** e)} y1={TOP} y2={H - BOTTOM} />
          {e % 2 === 0 && (
            <text x={x(10 ** e)} y={H - BOTTOM + 24} textAnchor="middle">
              10<tspan dy="-8" className="ch-sup">{e}</tspan>
            </text>
          )}
        </g>
      ))}
      {Array.from({ length: Y1 - Y0 + 1 }, (_, i) => Y0 + i).map((e) => (
        <g key={`y${e}`} className="ch-grid">
          <line x1={L} x2={W - R} y1={y(10 ** e)} y2={y(10 ** e)} />
          {e % 2 === 1 && (
            <text x={L - 6} y={y(10 ** e) + 5} textAnchor="end">
              10<tspan dy="-8" className="ch-sup">{e}</tspan>
            </text>
          )}
        </g>
      ))}
      <text className="ch-axis" x={(L + W - R) / 2} y={H - 6} textAnchor="middle">
        {axes[0]}
      </text>
      <text className="ch-axis" x={14} y={(TOP + H - BOTTOM) / 2} textAnchor="middle" transform={`rotate(-90 14 ${(TOP + H - BOTTOM) / 2})`}>
        {axes[1]}
      </text>
      <line className="ch-rule" x1={x(lo)} y1={y(20 * lo)} x2={x(hi)} y2={y(20 * hi)} />
      <text className="ch-rule-label" x={x(3e11)} y={y(20 * 3e11) - 10} textAnchor="end">
        D = 20N
      </text>
      {marks.map((m) => (
        <g key={m.key} className="ch-mark" data-key={m.key}>
          {m.trained && <line className="ch-gap" x1={x(m.N)} x2={x(m.N)} y1={y(20 * m.N)} y2={y(m.trained)} />}
          <circle cx={x(m.N)} cy={y(20 * m.N)} r={6} className="ch-opt" />
          {m.trained && <circle cx={x(m.N)} cy={y(m.trained)} r={6} className="ch-trained" />}
          <text x={m.N > 1e10 ? x(m.N) - 9 : x(m.N) + 9} y={y(20 * m.N) + 18} textAnchor={m.N > 1e10 ? "end" : "start"}>
            {names(m.key)}
          </text>
        </g>
      ))}
      <circle className="ch-you" cx={x(N)} cy={y(20 * N)} r={9} data-testid="ch-you" />
      <g className="ch-legend" transform={`translate(${L + 10}, ${TOP + 10})`}>
        <circle cx={6} cy={0} r={6} className="ch-opt" />
        <text x={18} y={5}>
          {legend[0]}
        </text>
        <circle cx={6} cy={22} r={6} className="ch-trained" />
        <text x={18} y={27}>
          {legend[1]}
        </text>
      </g>
    </svg>
  );
}
