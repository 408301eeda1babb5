import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ModelPicker } from "../shared/ModelPicker";
import { useDemoModel } from "../shared/demoModel";
import { attentionStages, type Stage } from "./attention";
import { MatrixView } from "./Heatmap";
import { encodeForModel, modelRawScores, tokenLabel, traceAttention, tracedProbs } from "./modelAttention";
import { errorText, rememberError } from "../../lab/messageText";

interface State {
  model: string;
  text: string;
  layer: number;
  head: number;
  stage: Stage;
  row: number;
}

/** The demo model's heads on the learner's text: one traced forward pass per text, then pure arithmetic per head. */
export function ModelSource({ state: s, update, opts, hover, onHover }: {
  state: State;
  update: (patch: Partial<State>) => void;
  opts: { scale: boolean; causal: boolean };
  hover: { i: number; j: number } | null;
  onHover: (c: { i: number; j: number } | null) => void;
}) {
  const { t } = useTranslation();
  const dm = useDemoModel(s.model);
  const demo = dm.status === "ready" ? dm.demo : null;
  const enc = useMemo(() => (demo ? encodeForModel(s.text, demo.tokenizer, demo.model.config.blockSize) : null), [demo, s.text]);
  const traced = useMemo(() => {
    if (!demo || !enc?.ok) return null;
    try {
      return { ok: true as const, ma: traceAttention(demo.model, enc.ids) };
    } catch (e) {
      return { ok: false as const, error: rememberError(e) };
    }
  }, [demo, enc]);
  const cfg = demo?.model.config;
  const layer = cfg ? Math.min(s.layer, cfg.nLayer - 1) : 0;
  const head = cfg ? Math.min(s.head, cfg.nHead - 1) : 0;
  const view = useMemo(() => {
    if (!demo || !traced?.ok) return null;
    const { ma } = traced;
    const raw = modelRawScores(demo.model, ma, layer, head);
    const st = attentionStages(raw, ma.C / ma.nHead, opts);
    // the golden check, live: with the model's own settings our weights must be its attn_probs
    let diff: number | null = null;
    if (opts.scale && opts.causal) {
      const probs = tracedProbs(ma, layer, head);
      diff = Math.max(...st.weights.flatMap((r, i) => r.map((w, j) => Math.abs(w - probs[i][j]))));
    }
    return { st, labels: ma.ids.map((id) => tokenLabel(demo.tokenizer, id)), T: ma.T, diff };
  }, [demo, traced, layer, head, opts.scale, opts.causal]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="am-model">
      <div className="am-controls">
        <ModelPicker value={s.model} onChange={(model) => update({ model })} testId="am-model" />
        {cfg && (
          <>
            <label data-field="layer">
              {t("attention.matrix.layer")}
              <select value={layer} onChange={(e) => update({ layer: Number(e.target.value) })} data-testid="am-layer">
                {Array.from({ length: cfg.nLayer }, (_, i) => (
                  <option key={i} value={i}>
                    {i}
                  </option>
                ))}
              </select>
            </label>
            <label data-field="head">
              {t("attention.matrix.head")}
              <select value={head} onChange={(e) => update({ head: Number(e.target.value) })} data-testid="am-head">
                {Array.from({ length: cfg.nHead }, (_, i) => (
                  <option key={i} value={i}>
                    {i}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </div>
      <label data-field="text" className="am-text">
        {t("attention.matrix.text")}
        <textarea value={s.text} rows={2} maxLength={400} spellCheck={false} onChange={(e) => update({ text: e.target.value })} data-testid="am-text" />
      </label>
      {dm.status === "loading" && <p className="widget-loading">{t("demoModel.loading")}</p>}
      {dm.status === "error" && (
        <p className="am-error" role="alert">
          {t("demoModel.error", { message: errorText(dm.error, t) })}
        </p>
      )}
      {enc && !enc.ok && (
        <p className="am-error" role="alert" data-testid="am-error">
          {enc.error === "empty" ? t("attention.matrix.empty") : t("attention.matrix.badText", { message: errorText(enc.error, t) })}
        </p>
      )}
      {traced && !traced.ok && (
        <p className="am-error" role="alert">
          {errorText(traced.error, t)}
        </p>
      )}
      {enc?.ok && enc.dropped > 0 && cfg && (
        <p className="am-crop" data-testid="am-crop">
          {t("attention.matrix.cropped", { dropped: enc.dropped, total: enc.ids.length + enc.dropped, blockSize: cfg.blockSize })}
        </p>
      )}
      {view && cfg && (
        <MatrixView
          labels={view.labels}
          st={view.st}
          stage={s.stage}
          row={Math.min(s.row, view.T - 1)}
          onRow={(row) => update({ row })}
          hover={hover}
          onHover={onHover}
          shape={[1, cfg.nHead, view.T, view.T]}
          dk={cfg.nEmbd / cfg.nHead}
          numbers={false}
          extra={() =>
            view.diff === null ? (
              <p className="am-note" data-testid="am-check">
                {t("attention.matrix.notModel")}
              </p>
            ) : (
              <p className="am-note" data-testid="am-check" data-diff={view.diff}>
                {t("attention.matrix.matches", { diff: view.diff.toExponential(1) })}
              </p>
            )
          }
        />
      )}
    </div>
  );
}
