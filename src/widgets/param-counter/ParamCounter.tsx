import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { urlStateParam, useUrlState } from "../../hooks/useUrlState";
import { NumberField } from "../sampling-panel/NumberField";
import { counterPresets, countRows, totals, type CounterConfig, type CounterPreset } from "./count";
import "../sampling-panel/sampling-panel.css";
import "./param-counter.css";

const n = (x: number) => x.toLocaleString("en-US");
const presetNames = Object.keys(counterPresets) as CounterPreset[];

/** Which preset a config is, or "custom". */
function presetOf(c: CounterConfig): CounterPreset | "custom" {
  return presetNames.find((p) => Object.entries(counterPresets[p]).every(([k, v]) => c[k as keyof CounterConfig] === v)) ?? "custom";
}

/** A GPT's parameters, component by component, for any L, d, heads, V, T, bias and tying; presets for known models. */
export default function ParamCounter({ props }: WidgetProps) {
  const { t } = useTranslation();
  // the fields' defaults are a preset's: the URL's `<id>.preset` (presenter mode's 1–9 keys), else the directive's
  const [fromUrl] = useState(() => urlStateParam(String(props.id), "preset"));
  const start = counterPresets[fromUrl as CounterPreset] ?? counterPresets[props.preset as CounterPreset];
  const schema = useMemo(
    () =>
      ({
        L: { type: "number", default: start.nLayer, min: 1, max: 200, integer: true },
        d: { type: "number", default: start.nEmbd, min: 1, max: 20000, integer: true },
        h: { type: "number", default: start.nHead, min: 1, max: 256, integer: true },
        V: { type: "number", default: start.vocabSize, min: 1, max: 300000, integer: true },
        T: { type: "number", default: start.blockSize, min: 1, max: 200000, integer: true },
        bias: { type: "boolean", default: start.bias },
        tied: { type: "boolean", default: start.tied },
      }) as const,
    [start],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const c: CounterConfig = { nLayer: s.L, nEmbd: s.d, nHead: s.h, vocabSize: s.V, blockSize: s.T, bias: s.bias, tied: s.tied };
  const rows = countRows(c);
  const tot = totals(c);
  const preset = presetOf(c);
  const choose = (p: string) => {
    if (p === "custom") return;
    const x = counterPresets[p as CounterPreset];
    update({ L: x.nLayer, d: x.nEmbd, h: x.nHead, V: x.vocabSize, T: x.blockSize, bias: x.bias, tied: x.tied });
  };
  const field = (key: "L" | "d" | "h" | "V" | "T", label: string, max: number) => (
    <NumberField label={label} value={s[key]} min={1} max={max} integer onChange={(v) => update({ [key]: v })} testId={`pc-${key}`} field={key} />
  );
  const pct = (x: number) => ((100 * x) / tot.total).toFixed(1);

  return (
    <figure className="widget param-counter" data-testid="param-counter" data-id={String(props.id)}>
      <figcaption>{t("gpt.counter.title")}</figcaption>
      <div className="dc-controls">
        <label className="dc-field">
          {t("gpt.counter.preset")}
          <select value={preset} onChange={(e) => choose(e.target.value)} data-testid="pc-preset">
            {[...presetNames, "custom"].map((p) => (
              <option key={p} value={p} disabled={p === "custom"}>
                {t(`gpt.counter.presets.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {field("L", t("gpt.counter.L"), 200)}
        {field("d", t("gpt.counter.d"), 20000)}
        {field("h", t("gpt.counter.heads"), 256)}
        {field("V", t("gpt.counter.V"), 300000)}
        {field("T", t("gpt.counter.T"), 200000)}
        <label data-field="bias" className="dc-check">
          <input type="checkbox" checked={s.bias} onChange={(e) => update({ bias: e.target.checked })} data-testid="pc-bias" />
          {t("gpt.counter.bias")}
        </label>
        <label data-field="tied" className="dc-check">
          <input type="checkbox" checked={s.tied} onChange={(e) => update({ tied: e.target.checked })} data-testid="pc-tied" />
          {t("gpt.counter.tied")}
        </label>
        <button onClick={reset} data-testid="pc-reset">
          {t("widget.reset")}
        </button>
      </div>
      <p className={s.d % s.h === 0 ? "dc-muted" : "dc-error"} data-testid="pc-heads-note">
        {s.d % s.h === 0 ? t("gpt.counter.headDim", { hs: s.d / s.h }) : t("gpt.counter.badHeads", { d: s.d, h: s.h })}
      </p>
      <div className="pc-scroll">
        <table className="pc-table">
          <thead>
            <tr>
              <th>{t("gpt.counter.component")}</th>
              <th className="pc-formula">{t("gpt.counter.formula")}</th>
              <th>{t("gpt.counter.count")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.filter((r) => !r.perBlock && r.key !== "ln_f" && r.key !== "lm_head").map((r) => (
              <tr key={r.key}>
                <td><code>{r.key}</code></td>
                <td className="pc-formula">{r.formula}</td>
                <td>{n(r.count)}</td>
              </tr>
            ))}
            {rows.filter((r) => r.perBlock).map((r) => (
              <tr key={r.key} className="pc-block">
                <td><code>h.i.{r.key}</code></td>
                <td className="pc-formula">{r.formula}</td>
                <td>{n(r.count)}</td>
              </tr>
            ))}
            <tr className="pc-sub">
              <td>{t("gpt.counter.perBlock")}</td>
              <td className="pc-formula">{s.bias ? "12d² + 13d" : "12d² + 2d"}</td>
              <td>{n(tot.perBlock)}</td>
            </tr>
            <tr className="pc-sub">
              <td>{t("gpt.counter.blocks", { L: s.L })}</td>
              <td className="pc-formula">L · ({s.bias ? "12d² + 13d" : "12d² + 2d"})</td>
              <td>{n(tot.blocks)}</td>
            </tr>
            {rows.filter((r) => r.key === "ln_f" || r.key === "lm_head").map((r) => (
              <tr key={r.key}>
                <td><code>{r.key}</code></td>
                <td className="pc-formula">{r.formula}</td>
                <td>{n(r.count)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t("gpt.counter.total")}</th>
              <td className="pc-formula"></td>
              <td data-testid="pc-total">{n(tot.total)}</td>
            </tr>
            <tr>
              <td>{t("gpt.counter.nonEmbedding")}</td>
              <td className="pc-formula"></td>
              <td data-testid="pc-nonemb">{n(tot.nonEmbedding)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="dc-muted">
        {t("gpt.counter.approx", { n: n(tot.approx) })} · {t("gpt.counter.share", { blocks: pct(tot.blocks), emb: pct(tot.embeddings) })}
      </p>
    </figure>
  );
}
