import { useTranslation } from "react-i18next";
import { useMeasureState } from "../device/backendMeasure";
import { forcedBackend } from "../device/forcedBackend";
import { lossReading } from "./lossReading";
import { estimateRun, presetShape, probeMsFor, roughDuration, type RunEstimate } from "./presets";
import type { LabSettings } from "./settings";

/**
 * The lab's explanations for a newcomer: a setting's job and range, what the loss says, the colours of the
 * generated text, and how long a run takes here. Strings: src/i18n/lessons/lab.ts ("labHelp").
 */

/** One setting's help, under its field (id for aria-describedby). */
export function FieldHelp({ name }: { name: string }) {
  const { t, i18n } = useTranslation();
  const key = `labHelp.settings.${name}`;
  if (!i18n.exists(key)) return null;
  return (
    <small className="field-help" id={`${name}-help`}>
      {t(key)}
    </small>
  );
}

/** The loss in words: the ln V start line, the current perplexity, and what validation loss is for. */
export function LossExplainer({ vocab, upTo, loss, val }: { vocab: number; upTo?: boolean; loss?: number; val?: number }) {
  const { t } = useTranslation();
  const r = lossReading(vocab, loss);
  const v = vocab.toLocaleString("en-US");
  return (
    <details className="lab-explain" data-testid="loss-explainer">
      <summary>{t("labHelp.loss.title")}</summary>
      <p>{t("labHelp.loss.start", { vocab: upTo ? `≤ ${v}` : v, start: r.start.toFixed(2) })}</p>
      <p data-testid="loss-now">{r.among !== undefined && loss !== undefined ? t("labHelp.loss.now", { loss: loss.toFixed(2), ppl: r.among, vocab: v }) : t("labHelp.loss.notYet")}</p>
      {val !== undefined && <p>{t("labHelp.loss.val", { val: val.toFixed(3) })}</p>}
    </details>
  );
}

/** The background GeneratePanel gives a token of probability p (keep the two in step). */
export const probColour = (p: number) => `hsla(${Math.round(120 * p)}, 70%, 50%, 0.28)`;

/** A key to the generated text's colours: three swatches at p = 0.05, 0.5 and 0.95. */
export function ColourLegend() {
  const { t } = useTranslation();
  return (
    <p className="colour-legend" data-testid="colour-legend">
      {t("labHelp.colours.text")}{" "}
      <span style={{ backgroundColor: probColour(0.05) }}>{t("labHelp.colours.low")}</span>{" "}
      <span style={{ backgroundColor: probColour(0.5) }}>{t("labHelp.colours.mid")}</span>{" "}
      <span style={{ backgroundColor: probColour(0.95) }}>{t("labHelp.colours.high")}</span> <span className="muted">{t("labHelp.colours.hover")}</span>
    </p>
  );
}

/** The probe's ms per step on the backend the lab will train on (?backend=, the override, else the measured pick). */
export function useProbeTiming(): { backend?: string; probeMs?: number } {
  const m = useMeasureState();
  const backend = forcedBackend() ?? m.override ?? m.record?.choice ?? undefined;
  return { backend, probeMs: probeMsFor(m.record, backend) };
}

/** "≈ 1 min here", with how it was worked out in its title; null without a measurement. */
export function EstimateText({ estimate, steps, backend, probeMs }: { estimate: RunEstimate | null; steps: number; backend?: string; probeMs?: number }) {
  const { t } = useTranslation();
  if (!estimate) return <span className="muted" data-testid="estimate">{t("labHelp.estimate.none")}</span>;
  const d = roughDuration(estimate.seconds);
  const time = t(`labHelp.duration.${d.unit}`, { n: d.n });
  const source = estimate.source === "run" ? t("labHelp.estimate.sourceRun") : t("labHelp.estimate.sourceProbe", { backend, probeMs: probeMs?.toFixed(1) });
  return (
    <span className="estimate" data-testid="estimate" data-seconds={Math.round(estimate.seconds)} title={t("labHelp.estimate.title", { steps: steps.toLocaleString(), ms: estimate.msPerStep.toFixed(0), source })}>
      {t(`labHelp.estimate.${estimate.source}`, { time })}
    </span>
  );
}

/** A preset's estimate for the preset menu: that preset's shape at the current vocabulary, from the probe. */
export function presetEstimate(name: Exclude<LabSettings["preset"], "custom">, s: LabSettings, vocab: number, probeMs?: number): RunEstimate | null {
  return estimateRun(presetShape(name, s), vocab, { probeMs });
}
