import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { ModelPicker } from "../shared/ModelPicker";
import { PRETRAINED, useDemoModel } from "../shared/demoModel";
import { encodeForModel } from "../attention-matrix/modelAttention";
import { stats, traceStages } from "./inspect";
import "../sampling-panel/sampling-panel.css";
import "./block-inspector.css";
import { errorText, rememberError } from "../../lab/messageText";

const BINS = 31;
const RANGE = 4; // the histograms span −4 … 4: a LayerNorm's output sits inside, the stream spreads out

function Histogram({ counts, label }: { counts: number[]; label: string }) {
  const max = Math.max(...counts, 1);
  const w = 100 / counts.length;
  return (
    <svg className="bi-hist" viewBox="0 0 100 24" preserveAspectRatio="none" role="img" aria-label={label}>
      <line x1="50" x2="50" y1="0" y2="24" className="bi-zero" />
      {counts.map((c, i) => (
        <rect key={i} x={i * w + 0.15} width={w - 0.3} y={24 - (24 * c) / max} height={(24 * c) / max} />
      ))}
    </svg>
  );
}

/** The activations after every sub-layer of one real forward pass, as mean, std, per-token RMS and a histogram. */
export default function BlockInspector({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        model: { type: "string", default: PRETRAINED, maxLength: 80 },
        text: { type: "string", default: String(props.text), maxLength: 200 },
      }) as const,
    [props.text],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const dm = useDemoModel(s.model);
  const demo = dm.status === "ready" ? dm.demo : null;
  const enc = useMemo(() => (demo ? encodeForModel(s.text, demo.tokenizer, demo.model.config.blockSize) : null), [demo, s.text]);
  const traced = useMemo(() => {
    if (!demo || !enc?.ok) return null;
    try {
      const r = traceStages(demo.model, enc.ids);
      return { ok: true as const, ...r, rows: r.stages.map((st) => ({ ...st, s: stats(st.values, r.C, BINS, RANGE) })) };
    } catch (e) {
      return { ok: false as const, error: rememberError(e) };
    }
  }, [demo, enc]);

  return (
    <figure className="widget block-inspector" data-testid="block-inspector" data-id={String(props.id)}>
      <figcaption>{t("gpt.inspector.title")}</figcaption>
      <div className="dc-controls">
        <ModelPicker value={s.model} onChange={(model) => update({ model })} testId="bi-model" />
        <button onClick={reset} data-testid="bi-reset">
          {t("widget.reset")}
        </button>
      </div>
      <label data-field="text" className="dc-prompt">
        {t("gpt.inspector.prompt")}
        <input type="text" value={s.text} maxLength={200} spellCheck={false} onChange={(e) => update({ text: e.target.value })} data-testid="bi-text" />
      </label>
      {dm.status === "loading" && <p className="dc-muted">{t("demoModel.loading")}</p>}
      {dm.status === "error" && (
        <p className="dc-error" role="alert">
          {t("demoModel.error", { message: errorText(dm.error, t) })}
        </p>
      )}
      {enc && !enc.ok && (
        <p className="dc-error" role="alert" data-testid="bi-error">
          {enc.error === "empty" ? t("gpt.inspector.empty") : t("gpt.inspector.badText", { message: errorText(enc.error, t) })}
        </p>
      )}
      {enc?.ok && enc.dropped > 0 && demo && <p className="dc-muted">{t("gpt.inspector.cropped", { blockSize: demo.model.config.blockSize, total: enc.ids.length + enc.dropped })}</p>}
      {traced && !traced.ok && (
        <p className="dc-error" role="alert">
          {errorText(traced.error, t)}
        </p>
      )}
      {traced?.ok && (
        <>
          <div className="bi-scroll">
            <table className="bi-table" data-testid="bi-table">
              <thead>
                <tr>
                  <th>{t("gpt.inspector.stage")}</th>
                  <th className="bi-mean">{t("gpt.inspector.mean")}</th>
                  <th>{t("gpt.inspector.std")}</th>
                  <th className="bi-rms">{t("gpt.inspector.rms")}</th>
                  <th>{t("gpt.inspector.hist", { r: RANGE })}</th>
                </tr>
              </thead>
              <tbody>
                {traced.rows.map((r) => {
                  const name = t(`gpt.inspector.stages.${r.key}`, { i: r.layer });
                  return (
                    <tr key={`${r.key}${r.layer ?? ""}`} className={`bi-${r.kind}`} data-testid={`bi-row-${r.key}${r.layer ?? ""}`} data-std={r.s.std.toFixed(4)}>
                      <td>
                        {name}
                        <small>{t(`gpt.inspector.kinds.${r.kind}`)}</small>
                      </td>
                      <td className="bi-mean">{r.s.mean.toFixed(3)}</td>
                      <td>{r.s.std.toFixed(3)}</td>
                      <td className="bi-rms">{r.s.rms.toFixed(3)}</td>
                      <td>
                        <Histogram counts={r.s.counts} label={name} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="dc-muted">{t("gpt.inspector.note", { n: (traced.T * traced.C).toLocaleString("en-US"), T: traced.T, C: traced.C })}</p>
        </>
      )}
    </figure>
  );
}
