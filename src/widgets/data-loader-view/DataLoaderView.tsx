import { useMemo, type ChangeEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { batchOffsets, LIMITS, tokensPerStep, windowsAt, type Window } from "./batches";
import { visibleWhitespace } from "../shared/text";
import { corpora, useCorpus, type CorpusName } from "./useCorpus";
import type { CharTokenizer } from "../../core/tokenizers";
import "./data-loader-view.css";

const CONTEXT = 14; // characters shown before and after each window

/**
 * One batch as the engine's getBatch draws it: B random windows of T characters from the training split, each
 * with its targets shifted by one; the corpus map marks where the windows came from.
 */
export default function DataLoaderView({ props }: WidgetProps) {
  const { t, i18n } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        corpus: { type: "enum", default: String(props.corpus), values: corpora },
        B: { type: "number", default: Number(props.B), min: LIMITS.B.min, max: LIMITS.B.max, integer: true },
        T: { type: "number", default: Number(props.T), min: LIMITS.T.min, max: LIMITS.T.max, integer: true },
        seed: { type: "number", default: 1337, min: -2147483648, max: 2147483647, integer: true },
        batch: { type: "number", default: 0, min: 0, max: LIMITS.batch.max, integer: true },
        accum: { type: "number", default: 1, min: LIMITS.accum.min, max: LIMITS.accum.max, integer: true },
      }) as const,
    [props.corpus, props.B, props.T],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const loaded = useCorpus(s.corpus as CorpusName);
  const corpus = loaded.status === "ready" ? loaded.corpus : null;
  const windows = useMemo(() => (corpus ? windowsAt(corpus.train, batchOffsets(corpus.train.length, s.B, s.T, s.seed, s.batch), s.T) : []), [corpus, s.B, s.T, s.seed, s.batch]);
  const nf = new Intl.NumberFormat(i18n.language);
  const go = (batch: number) => update({ batch: Math.max(0, Math.min(LIMITS.batch.max, batch)) });
  const onKeyDown = (e: KeyboardEvent) => {
    if (["INPUT", "SELECT", "TEXTAREA", "BUTTON"].includes((e.target as HTMLElement).tagName)) return;
    if (e.key === "ArrowRight" || e.key === "n" || e.key === "N") go(s.batch + 1);
    else if (e.key === "ArrowLeft") go(s.batch - 1);
    else if (e.key === "r" || e.key === "R") reset();
    else return;
    e.preventDefault();
  };
  const int = (key: "B" | "T" | "seed" | "accum", lo: number, hi: number) => (e: ChangeEvent<HTMLInputElement>) => {
    const v = Number(e.target.value);
    if (e.target.value.trim() !== "" && Number.isInteger(v) && v >= lo && v <= hi) update({ [key]: v, ...(key === "accum" ? {} : { batch: 0 }) });
  };

  return (
    <figure className="widget data-loader-view" data-testid="data-loader-view" data-id={String(props.id)} onKeyDown={onKeyDown}>
      <figcaption>{t("pretraining.data.title")}</figcaption>
      <div className="dl-controls">
        <label data-field="corpus">
          {t("pretraining.data.corpus")}
          <select value={s.corpus} onChange={(e) => update({ corpus: e.target.value as CorpusName, batch: 0 })} data-testid="dl-corpus">
            {corpora.map((c) => (
              <option key={c} value={c}>
                {t(`pretraining.data.corpora.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label data-field="B">
          {t("pretraining.data.B")}
          <input type="number" min={LIMITS.B.min} max={LIMITS.B.max} value={s.B} onChange={int("B", LIMITS.B.min, LIMITS.B.max)} data-testid="dl-B" />
        </label>
        <label data-field="T">
          {t("pretraining.data.T")}
          <input type="number" min={LIMITS.T.min} max={LIMITS.T.max} value={s.T} onChange={int("T", LIMITS.T.min, LIMITS.T.max)} data-testid="dl-T" />
        </label>
        <label data-field="seed">
          {t("pretraining.data.seed")}
          <input type="number" step={1} value={s.seed} onChange={int("seed", -2147483648, 2147483647)} data-testid="dl-seed" />
        </label>
        <label data-field="accum">
          {t("pretraining.data.accum")}
          <input type="number" min={LIMITS.accum.min} max={LIMITS.accum.max} value={s.accum} onChange={int("accum", LIMITS.accum.min, LIMITS.accum.max)} data-testid="dl-accum" />
        </label>
      </div>
      <div className="dl-buttons">
        <button onClick={() => go(s.batch - 1)} disabled={s.batch === 0} data-testid="dl-prev" aria-keyshortcuts="ArrowLeft">
          ← {t("pretraining.data.prev")}
        </button>
        <button className="primary" onClick={() => go(s.batch + 1)} disabled={s.batch >= LIMITS.batch.max} data-testid="dl-next" aria-keyshortcuts="ArrowRight N">
          {t("pretraining.data.next")} →
        </button>
        <button onClick={reset} data-testid="dl-reset" aria-keyshortcuts="R">
          {t("widget.reset")}
        </button>
        <span className="muted dl-batch" aria-live="polite" data-testid="dl-batch">
          {t("pretraining.data.batchNumber", { k: s.batch, seed: s.seed })}
        </span>
      </div>
      {loaded.status === "loading" && <p className="muted">{t("pretraining.data.loading")}</p>}
      {loaded.status === "error" && (
        <p className="dl-error" role="alert">
          {loaded.message}
        </p>
      )}
      {corpus && (
        <>
          <p className="dl-info" data-testid="dl-info">
            {t("pretraining.data.info", { chars: nf.format(corpus.characters), vocab: corpus.tokenizer.vocabSize, train: nf.format(corpus.train.length) })}
          </p>
          <CorpusMap windows={windows} length={corpus.train.length} label={t("pretraining.data.map")} />
          <p className="dl-tokens" data-testid="dl-tokens">
            {t("pretraining.data.tokens", { accum: s.accum, B: s.B, T: s.T, n: nf.format(tokensPerStep(s.accum, s.B, s.T)) })}
          </p>
          <div className="dl-rows" tabIndex={0} role="group" aria-label={t("pretraining.data.keys")} data-testid="dl-rows">
            {windows.map((w, b) => (
              <Row key={b} b={b} w={w} tok={corpus.tokenizer} train={corpus.train} />
            ))}
          </div>
        </>
      )}
    </figure>
  );
}

function CorpusMap({ windows, length, label }: { windows: Window[]; length: number; label: string }) {
  return (
    <div className="dl-map" role="img" aria-label={label} data-testid="dl-map">
      {windows.map((w, b) => (
        <span key={b} className="dl-mark" style={{ left: `${(100 * w.offset) / length}%` }} title={String(w.offset)}>
          {b}
        </span>
      ))}
    </div>
  );
}

function Row({ b, w, tok, train }: { b: number; w: Window; tok: CharTokenizer; train: ArrayLike<number> }) {
  const { t } = useTranslation();
  const text = (ids: ArrayLike<number>) => tok.decode(Array.from(ids));
  const before = text(Array.prototype.slice.call(train, Math.max(0, w.offset - CONTEXT), w.offset) as number[]);
  const after = text(Array.prototype.slice.call(train, w.offset + w.x.length, w.offset + w.x.length + CONTEXT) as number[]);
  return (
    <section className="dl-row" data-testid={`dl-row-${b}`} data-offset={w.offset}>
      <h4>
        {t("pretraining.data.row", { b })} <span className="muted">·</span> {t("pretraining.data.offset")} <span data-testid={`dl-offset-${b}`}>{w.offset}</span>
      </h4>
      <p className="dl-context">
        <span className="muted">…{[...before].map(visibleWhitespace).join("")}</span>
        <mark data-testid={`dl-window-${b}`} data-text={text(w.x)}>
          {[...text(w.x)].map(visibleWhitespace).join("")}
        </mark>
        <span className="dl-next-char" title={t("pretraining.data.lastTarget")}>
          {visibleWhitespace(text([w.y[w.y.length - 1]]))}
        </span>
        <span className="muted">{[...after.slice(1)].map(visibleWhitespace).join("")}…</span>
      </p>
      <div className="dl-scroll">
        <table className="dl-table" aria-label={t("pretraining.data.tableLabel", { b })}>
          <tbody>
            <tr>
              <th scope="row">t</th>
              {w.x.map((_, i) => (
                <td key={i} className="dl-t">
                  {i}
                </td>
              ))}
            </tr>
            <tr className="dl-x" data-testid={`dl-x-${b}`}>
              <th scope="row">x</th>
              {w.x.map((id, i) => (
                <td key={i}>
                  <span className="dl-ch">{visibleWhitespace(tok.decode([id]))}</span>
                  <span className="dl-id">{id}</span>
                </td>
              ))}
            </tr>
            <tr className="dl-y" data-testid={`dl-y-${b}`}>
              <th scope="row">y</th>
              {w.y.map((id, i) => (
                <td key={i} className={i === w.y.length - 1 ? "dl-new" : undefined}>
                  <span className="dl-ch">{visibleWhitespace(tok.decode([id]))}</span>
                  <span className="dl-id">{id}</span>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
