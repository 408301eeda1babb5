import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { numParams } from "../../core";
import { ModelPicker } from "../shared/ModelPicker";
import { PRETRAINED, useDemoModel } from "../shared/demoModel";
import { encodeForModel, tokenLabel } from "../attention-matrix/modelAttention";
import { anatomyStages, anatomyValues, shapeText, stats, topNext, type StageDef, type StageValues } from "./anatomy";
import "./gpt-anatomy.css";
import { errorText, rememberError } from "../../lab/messageText";

export const DEFAULT_PROMPT = "Call me Ishmael";
const MAX_COLS = 64; // channels drawn per row; the stats cover all of them

/**
 * The GPT anatomy view: the whole model for the loaded config, every stage with its output shape and the
 * parameters it reads, and, for the stage the reader picks, that stage's real values from one forward pass on
 * their prompt (the pretrained model or a lab model). Props: id (URL-state prefix), text (the default prompt).
 */
export default function GptAnatomy({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        model: { type: "string", default: PRETRAINED, maxLength: 80 },
        text: { type: "string", default: String(props.text || DEFAULT_PROMPT), maxLength: 400 },
        stage: { type: "string", default: "logits", maxLength: 40 },
        layer: { type: "number", default: 0, min: 0, max: 63, integer: true },
        head: { type: "number", default: 0, min: 0, max: 63, integer: true },
        pos: { type: "number", default: -1, min: -1, max: 4095, integer: true }, // -1: the last position
      }) as const,
    [props.text],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const dm = useDemoModel(s.model);
  const demo = dm.status === "ready" ? dm.demo : null;
  const cfg = demo?.model.config;
  // the default prompt may use characters a lab model never saw (a names model knows only a–z): then the prompt
  // becomes its characters this model knows, lowercased if that helps, and a note says so
  const prompt = useMemo(() => {
    if (!demo || s.text !== schema.text.default) return { text: s.text, adapted: false };
    if (encodeForModel(s.text, demo.tokenizer, demo.model.config.blockSize).ok) return { text: s.text, adapted: false };
    const known = (c: string) => encodeForModel(c, demo.tokenizer, demo.model.config.blockSize).ok;
    const text = [...s.text.toLowerCase()].filter(known).join("") || [...s.text].filter(known).join("");
    return text ? { text, adapted: true } : { text: s.text, adapted: false };
  }, [demo, s.text, schema.text.default]);
  const enc = useMemo(() => (demo ? encodeForModel(prompt.text, demo.tokenizer, demo.model.config.blockSize) : null), [demo, prompt.text]);
  const run = useMemo(() => {
    if (!demo || !enc?.ok) return null;
    try {
      return { ok: true as const, values: anatomyValues(demo.model, enc.ids), stages: anatomyStages(demo.model.config, enc.ids.length) };
    } catch (e) {
      return { ok: false as const, error: rememberError(e) };
    }
  }, [demo, enc]);
  const layer = cfg ? Math.min(s.layer, cfg.nLayer - 1) : 0;
  const head = cfg ? Math.min(s.head, cfg.nHead - 1) : 0;
  // the diagram shows the embeddings, one block (the one picked) and the head: every block has the same shapes
  const shown = run?.ok ? run.stages.filter((st) => st.layer === undefined || st.layer === layer) : [];
  const stageKey = (st: StageDef) => (st.layer === undefined ? st.key : st.key.replace(/^h\.\d+\./, "h.*."));
  const selected = shown.find((st) => stageKey(st) === s.stage) ?? shown[shown.length - 1];
  const labels = demo && enc?.ok ? enc.ids.map((id) => tokenLabel(demo.tokenizer, id)) : [];
  const T = labels.length;
  const pos = s.pos < 0 || s.pos >= T ? T - 1 : s.pos;
  const listRef = useRef<HTMLOListElement>(null);

  const onListKey = (e: KeyboardEvent) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const i = shown.findIndex((st) => st === selected);
    const next = shown[Math.max(0, Math.min(shown.length - 1, i + (e.key === "ArrowDown" ? 1 : -1)))];
    if (!next) return;
    update({ stage: stageKey(next) });
    listRef.current?.querySelector<HTMLButtonElement>(`[data-key="${next.key}"]`)?.focus();
  };

  return (
    <figure className="widget gpt-anatomy" data-testid="gpt-anatomy" data-id={String(props.id)}>
      <figcaption>{t("anatomy.title")}</figcaption>
      <div className="ga-controls">
        <ModelPicker value={s.model} onChange={(model) => update({ model, layer: 0, head: 0 })} testId="ga-model" />
        <label data-field="text" className="ga-prompt">
          {t("anatomy.prompt")}
          <input type="text" value={s.text} maxLength={400} spellCheck={false} onChange={(e) => update({ text: e.target.value, pos: -1 })} data-testid="ga-text" />
        </label>
        <button onClick={reset} data-testid="ga-reset">
          {t("widget.reset")}
        </button>
      </div>
      {dm.status === "loading" && <p className="widget-loading">{t("demoModel.loading")}</p>}
      {dm.status === "error" && (
        <p className="ga-error" role="alert">
          {t("demoModel.error", { message: errorText(dm.error, t) })}
        </p>
      )}
      {enc && !enc.ok && (
        <p className="ga-error" role="alert" data-testid="ga-error">
          {enc.error === "empty" ? t("anatomy.empty") : t("anatomy.badText", { message: errorText(enc.error, t) })}
        </p>
      )}
      {run && !run.ok && (
        <p className="ga-error" role="alert">
          {errorText(run.error, t)}
        </p>
      )}
      {prompt.adapted && (
        <p className="ga-note" data-testid="ga-adapted">
          {t("anatomy.adapted", { text: prompt.text })}
        </p>
      )}
      {enc?.ok && enc.dropped > 0 && cfg && <p className="ga-note">{t("anatomy.cropped", { blockSize: cfg.blockSize, total: enc.ids.length + enc.dropped })}</p>}
      {cfg && demo && (
        <p className="ga-config" data-testid="ga-config">
          {t("anatomy.config", { ...cfg, params: numParams(demo.model).toLocaleString("en-US") })}
        </p>
      )}
      {run?.ok && cfg && selected && (
        <div className="ga-body">
          <div className="ga-diagram">
            <p className="ga-muted" id={`${String(props.id)}-diagram`}>
              {t("anatomy.diagram")}
            </p>
            <ol className="ga-stages" ref={listRef} onKeyDown={onListKey} aria-labelledby={`${String(props.id)}-diagram`}>
              {shown.map((st, k) => {
                const first = st.layer !== undefined && (k === 0 || shown[k - 1].layer === undefined);
                return (
                  <li key={st.key} className={st.layer !== undefined ? "ga-in-block" : undefined}>
                    {first && (
                      <div className="ga-block-head">
                        <span>{t("anatomy.repeated", { n: cfg.nLayer })}</span>
                        <select data-field="layer" value={layer} onChange={(e) => update({ layer: Number(e.target.value) })} aria-label={t("anatomy.block")} data-testid="ga-layer">
                          {Array.from({ length: cfg.nLayer }, (_, i) => (
                            <option key={i} value={i}>
                              {i}
                            </option>
                          ))}
                        </select>
                      </div>
                    )}
                    <button
                      className="ga-stage"
                      aria-pressed={st === selected}
                      tabIndex={st === selected ? 0 : -1}
                      onClick={() => update({ stage: stageKey(st) })}
                      data-key={st.key}
                      data-testid={`ga-stage-${stageKey(st)}`}
                      data-shape={shapeText(st.shape)}
                    >
                      <span className="ga-stage-name">{t(`anatomy.stages.${st.name}`)}</span>
                      <code className="ga-shape">{shapeText(st.shape)}</code>
                    </button>
                  </li>
                );
              })}
            </ol>
          </div>
          <StageDetail
            stage={selected}
            values={run.values[selected.key]}
            labels={labels}
            head={head}
            nHead={cfg.nHead}
            onHead={(h) => update({ head: h })}
            pos={pos}
            onPos={(p) => update({ pos: p })}
            decode={(id) => (demo ? tokenLabel(demo.tokenizer, id) : String(id))}
          />
        </div>
      )}
    </figure>
  );
}

function StageDetail({ stage, values, labels, head, nHead, onHead, pos, onPos, decode }: {
  stage: StageDef;
  values: StageValues;
  labels: string[];
  head: number;
  nHead: number;
  onHead: (h: number) => void;
  pos: number;
  onPos: (p: number) => void;
  decode: (id: number) => string;
}) {
  const { t } = useTranslation();
  const st = useMemo(() => stats(values.data), [values]);
  const T = labels.length;
  const f = (x: number) => x.toFixed(3);
  let grid: { rows: number; cols: number; D: number; at: (r: number, c: number) => number } | null = null;
  if (stage.kind === "vectors") {
    const D = values.shape[values.shape.length - 1];
    grid = { rows: T, cols: Math.min(D, MAX_COLS), D, at: (r, c) => values.data[r * D + c] };
  } else if (stage.kind === "attention") {
    grid = { rows: T, cols: T, D: T, at: (r, c) => values.data[(head * T + r) * T + c] };
  }
  const next = stage.kind === "logits" ? topNext(values, pos, 5) : null;
  return (
    <section className="ga-detail" data-testid="ga-detail" data-stage={stage.key} data-shape={shapeText(values.shape)} data-mean={st.mean} data-std={st.std} aria-live="polite">
      <h4 className="ga-detail-title">
        {t(`anatomy.stages.${stage.name}`)} {stage.layer !== undefined && <span className="ga-muted">({t("anatomy.block")} {stage.layer})</span>}
      </h4>
      <dl className="ga-facts">
        <dt>{t("anatomy.stageShape")}</dt>
        <dd>
          <code>{shapeText(values.shape)}</code>
        </dd>
        <dt>{t("anatomy.reads")}</dt>
        <dd>
          {stage.params.length === 0
            ? t("anatomy.noParams")
            : stage.params.map((p) => (
                <code key={p.name} className="ga-param">
                  {p.name.replace(/^transformer\./, "")} {shapeText(p.shape)}
                </code>
              ))}
        </dd>
        <dt>{t("anatomy.code")}</dt>
        <dd>
          <code>{stage.code}</code>
        </dd>
      </dl>
      {stage.kind !== "ids" && <p className="ga-stats" data-testid="ga-stats">{t("anatomy.statsLine", { mean: f(st.mean), std: f(st.std), min: f(st.min), max: f(st.max) })}</p>}
      {stage.kind === "ids" && (
        <>
          <p className="ga-muted">{t("anatomy.idsNote")}</p>
          <ol className="ga-ids" data-testid="ga-ids">
            {Array.from(values.data, (id, i) => (
              <li key={i}>
                <span>{labels[i]}</span>
                <code>{id}</code>
              </li>
            ))}
          </ol>
        </>
      )}
      {stage.kind === "attention" && (
        <label data-field="head" className="ga-head">
          {t("anatomy.head")}
          <select value={head} onChange={(e) => onHead(Number(e.target.value))} data-testid="ga-head">
            {Array.from({ length: nHead }, (_, i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
      )}
      {grid && (
        <>
          <p className="ga-muted">{stage.kind === "attention" ? t("anatomy.attnNote") : t("anatomy.rowsCols", { T, shown: grid.cols, D: grid.D })}</p>
          <HeatCanvas grid={grid} labels={labels} signed={stage.kind !== "attention"} square={stage.kind === "attention"} />
        </>
      )}
      {next && (
        <div className="ga-next" data-testid="ga-next">
          <label data-field="pos" className="ga-head">
            {t("anatomy.position")}
            <select value={pos} onChange={(e) => onPos(Number(e.target.value))} data-testid="ga-pos">
              {labels.map((l, i) => (
                <option key={i} value={i}>
                  {i}: {l}
                </option>
              ))}
            </select>
          </label>
          <p>{t("anatomy.next", { pos, token: labels[pos] })}</p>
          <ol className="ga-bars">
            {next.map((n) => (
              <li key={n.id} data-token={decode(n.id)} data-p={n.p}>
                <code className="ga-tok">{decode(n.id)}</code>
                <span className="ga-bar-track">
                  <span className="ga-bar" style={{ width: `${(n.p * 100).toFixed(1)}%` }} />
                </span>
                <span className="ga-p">{n.p.toFixed(4)}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

/** A rows × cols heat map on a canvas; hover or tap a cell to read its value. */
function HeatCanvas({ grid, labels, signed, square }: { grid: { rows: number; cols: number; at: (r: number, c: number) => number }; labels: string[]; signed: boolean; square: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  const [info, setInfo] = useState("");
  const cell = 10;
  useEffect(() => {
    const cv = ref.current;
    const ctx = cv?.getContext("2d");
    if (!cv || !ctx) return;
    let m = 1e-9;
    for (let r = 0; r < grid.rows; r++) for (let c = 0; c < grid.cols; c++) m = Math.max(m, Math.abs(grid.at(r, c)));
    for (let r = 0; r < grid.rows; r++)
      for (let c = 0; c < grid.cols; c++) {
        const v = grid.at(r, c) / m; // −1 … 1
        const a = Math.min(1, Math.abs(v));
        ctx.fillStyle = signed ? (v < 0 ? `rgba(31, 95, 200, ${a})` : `rgba(200, 45, 45, ${a})`) : `rgba(31, 95, 200, ${a})`;
        ctx.clearRect(c * cell, r * cell, cell, cell);
        ctx.fillRect(c * cell, r * cell, cell, cell);
      }
  }, [grid, signed]);
  const onMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const c = Math.floor(((e.clientX - rect.left) / rect.width) * grid.cols);
    const r = Math.floor(((e.clientY - rect.top) / rect.height) * grid.rows);
    if (r >= 0 && r < grid.rows && c >= 0 && c < grid.cols) setInfo(t("anatomy.cell", { t: `${r} (${labels[r]})`, j: c, value: grid.at(r, c).toFixed(4) }));
  };
  return (
    <div className={square ? "ga-heat ga-square" : "ga-heat"}>
      <div className="ga-heat-rows" aria-hidden>
        {labels.map((l, i) => (
          <span key={i}>{l}</span>
        ))}
      </div>
      <div className="ga-heat-scroll">
        <canvas ref={ref} width={grid.cols * cell} height={grid.rows * cell} style={{ width: `calc(${grid.cols} * var(--ga-cw))`, height: `calc(${grid.rows} * var(--ga-ch))` }} onPointerMove={onMove} onPointerDown={onMove} data-testid="ga-heat" />
      </div>
      <p className="ga-cell-info" data-testid="ga-cell-info">
        {info}
      </p>
    </div>
  );
}
