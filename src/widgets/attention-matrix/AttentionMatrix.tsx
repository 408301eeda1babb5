import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { PRETRAINED } from "../shared/demoModel";
import { stages, TOY_EMBEDDINGS, TOY_TOKENS, toyAttention, type Stage } from "./attention";
import { fmt, MatrixView } from "./Heatmap";
import { ModelSource } from "./ModelSource";
import "./attention-matrix.css";

export const DEFAULT_TEXT = "Call me Ishmael. Some years ago";

/** Scores → mask → softmax as a heat map, on rasbt's 6-token toy or on the demo model's heads. */
export default function AttentionMatrix({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        source: { type: "enum", default: String(props.source), values: ["toy", "model"] },
        model: { type: "string", default: PRETRAINED, maxLength: 80 },
        text: { type: "string", default: String(props.text || DEFAULT_TEXT), maxLength: 400 },
        layer: { type: "number", default: 0, min: 0, max: 63, integer: true },
        head: { type: "number", default: 0, min: 0, max: 63, integer: true },
        scale: { type: "boolean", default: Boolean(props.scale) },
        causal: { type: "boolean", default: Boolean(props.causal) },
        stage: { type: "enum", default: "weights", values: stages },
        row: { type: "number", default: 1, min: 0, max: 4095, integer: true },
      }) as const,
    [props.source, props.text, props.scale, props.causal],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const [hover, setHover] = useState<{ i: number; j: number } | null>(null);
  const opts = { scale: s.scale, causal: s.causal };

  return (
    <figure className="widget attention-matrix" data-testid="attention-matrix" data-id={String(props.id)}>
      <figcaption>{t("attention.matrix.title")}</figcaption>
      <div className="am-controls">
        <label data-field="source">
          {t("attention.matrix.source")}
          <select value={s.source} onChange={(e) => update({ source: e.target.value as "toy" | "model", row: 1 })} data-testid="am-source">
            <option value="toy">{t("attention.matrix.sources.toy")}</option>
            <option value="model">{t("attention.matrix.sources.model")}</option>
          </select>
        </label>
        <label data-field="scale" className="am-check">
          <input type="checkbox" checked={s.scale} onChange={(e) => update({ scale: e.target.checked })} data-testid="am-scale" /> {t("attention.matrix.scale")}
        </label>
        <label data-field="causal" className="am-check">
          <input type="checkbox" checked={s.causal} onChange={(e) => update({ causal: e.target.checked })} data-testid="am-causal" /> {t("attention.matrix.causal")}
        </label>
        <fieldset data-field="stage" className="am-stage">
          <legend>{t("attention.matrix.stage")}</legend>
          {stages.map((st, k) => (
            <label key={st}>
              <input type="radio" name={`${String(props.id)}-stage`} checked={s.stage === st} onChange={() => update({ stage: st })} data-testid={`am-stage-${st}`} /> {k + 1}. {t(`attention.matrix.stages.${st}`)}
            </label>
          ))}
        </fieldset>
        <button onClick={reset} data-testid="am-reset">
          {t("widget.reset")}
        </button>
      </div>
      {s.source === "toy" ? (
        <ToyView opts={opts} stage={s.stage} row={Math.min(s.row, TOY_TOKENS.length - 1)} onRow={(row) => update({ row })} hover={hover} onHover={setHover} />
      ) : (
        <ModelSource state={s} update={update} opts={opts} hover={hover} onHover={setHover} />
      )}
    </figure>
  );
}

function ToyView({ opts, stage, row, onRow, hover, onHover }: {
  opts: { scale: boolean; causal: boolean };
  stage: Stage;
  row: number;
  onRow: (i: number) => void;
  hover: { i: number; j: number } | null;
  onHover: (c: { i: number; j: number } | null) => void;
}) {
  const { t } = useTranslation();
  const st = useMemo(() => toyAttention(opts), [opts.scale, opts.causal]); // eslint-disable-line react-hooks/exhaustive-deps
  const labels = [...TOY_TOKENS];
  const vec = (v: readonly number[]) => `[${v.map((x) => fmt(x)).join(", ")}]`;
  return (
    <>
      <p className="am-note">{t("attention.matrix.toyNote")}</p>
      <MatrixView
        labels={labels}
        st={st}
        stage={stage}
        row={row}
        onRow={onRow}
        hover={hover}
        onHover={onHover}
        shape={[1, 1, 6, 6]}
        dk={3}
        numbers
        extra={(q) => (
          <p className="am-context" data-testid="am-context">
            {t("attention.matrix.context", { token: labels[q] })} <code>{vec(st.context[q])}</code>
            <br />
            <span className="am-muted">
              {t("attention.matrix.embedding", { token: labels[q] })} <code>{vec(TOY_EMBEDDINGS[q])}</code>
            </span>
          </p>
        )}
      />
    </>
  );
}
