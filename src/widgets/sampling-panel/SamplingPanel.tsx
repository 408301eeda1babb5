import { useMemo, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { ModelPicker } from "../shared/ModelPicker";
import { PRETRAINED, useDemoModel } from "../shared/demoModel";
import { NumberField } from "./NumberField";
import { drawCounts, panelRows, sliderToT, SLIDER_STEPS, T_MAX, T_MIN, TOY_LOGITS, TOY_PROMPT, TOY_VOCAB, topIds, tToSlider, type PanelRow } from "./sampling";
import { useNextLogits } from "./useNextLogits";
import { visibleWhitespace } from "../shared/text";
import "./sampling-panel.css";

const DRAWS = 1000;
const MODEL_BARS = 16; // a character model has ~83 tokens: show the most probable
const FLOAT32_EXP_LIMIT = 88.72; // Math.fround(Math.exp(x)) is Infinity above ln(3.4e38)

/** The next-token distribution under temperature, top-k, top-p or greedy, and 1000 seeded draws from it. */
export default function SamplingPanel({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        source: { type: "enum", default: String(props.source), values: ["toy", "model"] },
        model: { type: "string", default: PRETRAINED, maxLength: 80 },
        prompt: { type: "string", default: "Call me Ishmael. Some years ago", maxLength: 200 },
        t: { type: "number", default: 1, min: T_MIN, max: T_MAX },
        k: { type: "number", default: 0, min: 0, max: 100000, integer: true },
        p: { type: "number", default: 1, min: 0.01, max: 1 },
        greedy: { type: "boolean", default: false },
        seed: { type: "number", default: 123, min: 0, max: 2147483647, integer: true },
      }) as const,
    [props.source],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const demo = useDemoModel(s.model);
  const next = useNextLogits(demo, s.prompt, s.source === "model");
  const [draws, setDraws] = useState<{ sig: string; counts: number[] } | null>(null);

  const source = s.source === "toy" ? { logits: TOY_LOGITS as ArrayLike<number>, labels: TOY_VOCAB as readonly string[], key: "toy" } : next.status === "ready" ? next : null;
  const n = source?.logits.length ?? TOY_VOCAB.length;
  const settings = { temperature: s.t, topK: Math.min(s.k, n), topP: s.p, greedy: s.greedy };
  let rows: PanelRow[] = [];
  let problem: string | null = null;
  try {
    if (source) rows = panelRows(source.logits, settings);
  } catch (e) {
    problem = (e as Error).message;
  }
  const sig = JSON.stringify([source?.key, settings, s.seed]);
  const counts = draws?.sig === sig ? draws.counts : null;
  const shown = s.source === "toy" ? topIds(rows.map((r) => r.raw), rows.length) : topIds(rows.map((r) => r.raw), MODEL_BARS);
  const restMass = rows.length > shown.length ? 1 - shown.reduce((a, id) => a + rows[id].raw, 0) : 0;
  const keptCount = rows.filter((r) => r.kept).length;
  const maxLogit = source ? Math.max(...Array.from(source.logits)) : 0;
  const naive = s.greedy ? 0 : maxLogit / s.t;

  const sample = () => {
    if (rows.length === 0) return;
    setDraws({ sig, counts: drawCounts(rows.map((r) => r.final), DRAWS, s.seed) });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (["INPUT", "SELECT", "TEXTAREA"].includes((e.target as HTMLElement).tagName)) return;
    if (e.key === "s" || e.key === "S") sample();
    else return;
    e.preventDefault();
  };
  const label = (id: number) => (s.source === "toy" ? TOY_VOCAB[id] : visibleWhitespace(source?.labels[id] ?? "?"));

  return (
    <figure className="widget sampling-panel" data-testid="sampling-panel" data-id={String(props.id)} onKeyDown={onKeyDown}>
      <figcaption>{t("decoding.sampling.title")}</figcaption>
      <div className="dc-controls">
        <fieldset className="dc-radios" data-field="source">
          <legend>{t("decoding.sampling.source")}</legend>
          {(["toy", "model"] as const).map((v) => (
            <label key={v}>
              <input type="radio" name={`${String(props.id)}-source`} checked={s.source === v} onChange={() => update({ source: v })} data-testid={`sp-source-${v}`} /> {t(`decoding.sampling.sources.${v}`)}
            </label>
          ))}
        </fieldset>
        {s.source === "model" && <ModelPicker value={s.model} onChange={(model) => update({ model })} testId="sp-model" />}
      </div>
      {s.source === "model" ? (
        <label className="dc-prompt" data-field="prompt">
          {t("decoding.sampling.prompt")}
          <input type="text" value={s.prompt} maxLength={200} spellCheck={false} onChange={(e) => update({ prompt: e.target.value })} data-testid="sp-prompt" />
        </label>
      ) : (
        <p className="dc-context">
          {t("decoding.sampling.toyContext")} <q lang="en">{TOY_PROMPT}</q> <span className="dc-muted">(Raschka, LLMs-from-scratch §5.3)</span>
        </p>
      )}
      <div className="dc-controls">
        <div className="dc-slider" data-field="t">
          <label htmlFor={`${String(props.id)}-trange`}>{t("decoding.sampling.temperature", { t: s.greedy ? "→ 0" : s.t })}</label>
          <input id={`${String(props.id)}-trange`} type="range" min={0} max={SLIDER_STEPS} value={tToSlider(s.t)} disabled={s.greedy} onChange={(e) => update({ t: sliderToT(Number(e.target.value)) })} data-testid="sp-temp-range" />
        </div>
        <NumberField label={t("decoding.sampling.tField")} value={s.t} min={T_MIN} max={T_MAX} step={0.01} onChange={(x) => update({ t: x })} testId="sp-temp" field="t" />
        <NumberField label={t("decoding.sampling.topK")} value={s.k} min={0} max={n} integer onChange={(x) => update({ k: x })} testId="sp-topk" field="k" hint={t("decoding.sampling.offHint")} />
        <NumberField label={t("decoding.sampling.topP")} value={s.p} min={0.01} max={1} step={0.01} onChange={(x) => update({ p: x })} testId="sp-topp" field="p" hint={t("decoding.sampling.offHint")} />
        <label className="dc-check" data-field="greedy">
          <input type="checkbox" checked={s.greedy} onChange={(e) => update({ greedy: e.target.checked })} data-testid="sp-greedy" /> {t("decoding.sampling.greedy")}
        </label>
        <NumberField label={t("decoding.sampling.seed")} value={s.seed} min={0} max={2147483647} integer onChange={(x) => update({ seed: x })} testId="sp-seed" field="seed" />
      </div>
      <div className="dc-buttons">
        <button className="primary" onClick={sample} disabled={rows.length === 0} data-testid="sp-sample" aria-keyshortcuts="S">
          {t("decoding.sampling.sample", { n: DRAWS })}
        </button>
        <button
          onClick={() => {
            reset();
            setDraws(null);
          }}
          data-testid="sp-reset"
        >
          {t("widget.reset")}
        </button>
      </div>
      {s.source === "model" && next.status === "loading" && <p className="dc-muted">{t("demoModel.loading")}</p>}
      {s.source === "model" && next.status === "error" && (
        <p className="dc-error" role="alert" data-testid="sp-error">
          {next.error}
        </p>
      )}
      {problem && (
        <p className="dc-error" role="alert" data-testid="sp-error">
          {problem}
        </p>
      )}
      {rows.length > 0 && (
        <>
          <p className="dc-status" data-testid="sp-status" aria-live="polite">
            {t("decoding.sampling.status", { kept: keptCount, n })}{" "}
            {naive > FLOAT32_EXP_LIMIT && <span data-testid="sp-overflow">{t("decoding.sampling.overflow", { x: naive.toFixed(0) })}</span>}
          </p>
          <div className="sp-table" role="table" aria-label={t("decoding.sampling.tableLabel")} data-testid="sp-bars">
            <div className="sp-row sp-head" role="row">
              <span role="columnheader">{t("decoding.sampling.token")}</span>
              <span role="columnheader">{t("decoding.sampling.bars")}</span>
              <span role="columnheader" className="sp-num">{t("decoding.sampling.before")}</span>
              <span role="columnheader" className="sp-num">{t("decoding.sampling.after")}</span>
              {counts && <span role="columnheader" className="sp-num">{t("decoding.sampling.drawn", { n: DRAWS })}</span>}
            </div>
            {shown.map((id) => {
              const r = rows[id];
              return (
                <div key={id} className={`sp-row${r.kept ? "" : " filtered"}`} role="row" data-testid={`sp-row-${label(id)}`} data-p={r.final.toFixed(4)} data-kept={r.kept}>
                  <span role="cell" className="sp-token">{label(id)}</span>
                  <span role="cell" className="sp-barcell">
                    <span className="sp-bar" style={{ width: `${100 * (r.kept ? r.final : r.scaled)}%` }} />
                    {counts && <span className="sp-bar drawn" style={{ width: `${(100 * counts[id]) / DRAWS}%` }} />}
                  </span>
                  <span role="cell" className="sp-num">{r.scaled.toFixed(4)}</span>
                  <span role="cell" className="sp-num sp-final" data-testid={`sp-p-${label(id)}`}>
                    {r.kept ? `${r.final.toFixed(4)} (${(100 * r.final).toFixed(1)}%)` : "—"}
                  </span>
                  {counts && (
                    <span role="cell" className="sp-num" data-testid={`sp-count-${label(id)}`} data-count={counts[id]}>
                      {counts[id]} <span className="dc-muted">/ {(DRAWS * r.final).toFixed(0)}</span>
                    </span>
                  )}
                </div>
              );
            })}
          </div>
          {restMass > 0 && <p className="dc-muted">{t("decoding.sampling.rest", { k: rows.length - shown.length, p: restMass.toFixed(4) })}</p>}
          <p className="dc-muted sp-legend">
            <span className="sp-legend-item">
              <span className="sp-key" /> {t("decoding.sampling.legendP")}
            </span>
            {counts && (
              <span className="sp-legend-item">
                <span className="sp-key drawn" /> {t("decoding.sampling.legendDrawn", { n: DRAWS, seed: s.seed })}
              </span>
            )}
          </p>
        </>
      )}
    </figure>
  );
}
