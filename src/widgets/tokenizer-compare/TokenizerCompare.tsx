import { Fragment, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import type { Tokenizer } from "../../core/tokenizers";
import { compareKinds, comparePresetNames, comparePresets, OWN_DEFAULT, type CompareKind, type ComparePreset } from "./presets";
import { compareRow, fmtRatio, visible, type Row } from "./stats";
import { useOwnBpe, useTiktokens } from "./useTokenizers";

const VOCABS = [256, 300, 512, 1024, 2048];
type Lang = "en" | "ja" | "own";

/** GPT-2, cl100k, o200k and a BPE trained in the page, side by side on parallel English and Japanese text. */
export default function TokenizerCompare({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        preset: { type: "enum", default: String(props.preset), values: comparePresetNames },
        lang: { type: "enum", default: "ja", values: ["en", "ja", "own"] },
        text: { type: "string", default: OWN_DEFAULT, maxLength: 1000 },
        ws: { type: "boolean", default: true },
        ids: { type: "boolean", default: false },
        vocab: { type: "number", default: 512, min: 256, max: 4096, integer: true },
        corpus: { type: "enum", default: "moby", values: ["moby", "own"] },
      }) as const,
    [props.preset],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const tiktokens = useTiktokens();
  const ours = useOwnBpe(s.corpus, s.text, s.vocab);
  const pair = comparePresets[s.preset as ComparePreset];
  const texts: Record<Lang, string> = { en: pair.en, ja: pair.ja, own: s.text };
  const langs: Lang[] = s.lang === "own" ? ["en", "ja", "own"] : ["en", "ja"];

  const tokenizers: Record<CompareKind, Tokenizer | null> = {
    gpt2: tiktokens.gpt2.status === "ready" ? tiktokens.gpt2.tokenizer : null,
    cl100k: tiktokens.cl100k.status === "ready" ? tiktokens.cl100k.tokenizer : null,
    o200k: tiktokens.o200k.status === "ready" ? tiktokens.o200k.tokenizer : null,
    ours: ours.status === "ready" ? ours.tokenizer : null,
  };
  // Encoding a few sentences takes well under a millisecond per tokenizer: no memo needed.
  const rows = {} as Record<CompareKind, Partial<Record<Lang, Row>>>;
  for (const kind of compareKinds) {
    const tok = tokenizers[kind];
    rows[kind] = tok ? Object.fromEntries(langs.map((l) => [l, compareRow(tok, texts[l])])) : {};
  }

  const status = (kind: CompareKind): string | null => {
    if (kind === "ours") {
      if (ours.status === "error") return t("tokenizerCompare.error", { message: ours.message });
      if (ours.status === "training") return t("tokenizerCompare.training", { done: ours.done, total: ours.total });
      return ours.status === "loading" ? t(s.corpus === "moby" ? "tokenizerCompare.loadingMoby" : "tokenizerCompare.loading") : null;
    }
    const k = tiktokens[kind];
    return k.status === "error" ? t("tokenizerCompare.error", { message: k.message }) : k.status === "loading" ? t("tokenizerCompare.loadingRanks", { name: t(`tokenizerCompare.encodings.${kind}`) }) : null;
  };
  const name = (kind: CompareKind) =>
    kind === "ours" ? t("tokenizerCompare.ours", { corpus: t(`tokenizerCompare.corpora.${s.corpus}`), vocab: tokenizers.ours?.vocabSize ?? s.vocab }) : t(`tokenizerCompare.names.${kind}`);

  return (
    <figure className="widget tokenizer-compare" data-testid="tokenizer-compare" data-id={String(props.id)}>
      <figcaption>{t("tokenizerCompare.title")}</figcaption>
      <div className="tc-controls">
        <label data-field="preset">
          {t("tokenizerCompare.preset")}
          <select value={s.preset} onChange={(e) => update({ preset: e.target.value as ComparePreset })} data-testid="tc-preset">
            {comparePresetNames.map((p) => (
              <option key={p} value={p}>
                {t(`tokenizerCompare.presets.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset data-field="lang">
          <legend>{t("tokenizerCompare.show")}</legend>
          {(["en", "ja", "own"] as const).map((l) => (
            <label key={l}>
              <input type="radio" name={`${String(props.id)}-lang`} checked={s.lang === l} onChange={() => update({ lang: l })} data-testid={`tc-lang-${l}`} /> {t(`tokenizerCompare.langs.${l}`)}
            </label>
          ))}
        </fieldset>
        <label data-field="ws" className="tc-check">
          <input type="checkbox" checked={s.ws} onChange={(e) => update({ ws: e.target.checked })} data-testid="tc-ws" /> {t("tokenizerCompare.whitespace")}
        </label>
        <label data-field="ids" className="tc-check">
          <input type="checkbox" checked={s.ids} onChange={(e) => update({ ids: e.target.checked })} data-testid="tc-ids" /> {t("tokenizerCompare.showIds")}
        </label>
        <label data-field="corpus">
          {t("tokenizerCompare.ourCorpus")}
          <select value={s.corpus} onChange={(e) => update({ corpus: e.target.value as "moby" | "own" })} data-testid="tc-corpus">
            <option value="moby">{t("tokenizerCompare.corpora.moby")}</option>
            <option value="own">{t("tokenizerCompare.corpora.own")}</option>
          </select>
        </label>
        <label data-field="vocab">
          {t("tokenizerCompare.vocab")}
          <select value={s.vocab} onChange={(e) => update({ vocab: Number(e.target.value) })} data-testid="tc-vocab">
            {(VOCABS.includes(s.vocab) ? VOCABS : [...VOCABS, s.vocab].sort((a, b) => a - b)).map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <button onClick={reset} data-testid="tc-reset">
          {t("widget.reset")}
        </button>
      </div>
      {(s.lang === "own" || s.corpus === "own") && (
        <label data-field="text" className="tc-own">
          {t("tokenizerCompare.ownText")}
          <textarea value={s.text} maxLength={1000} rows={3} onChange={(e) => update({ text: e.target.value })} data-testid="tc-text" />
        </label>
      )}

      <p className="tc-caption" id={`${String(props.id)}-summary`}>
        {t("tokenizerCompare.summary")}
      </p>
      <div className="table-scroll">
        <table className="tc-summary" data-testid="tc-summary" aria-labelledby={`${String(props.id)}-summary`}>
          <thead>
            <tr>
              <th>{t("tokenizerCompare.tokenizer")}</th>
              {langs.map((l) => (
                <th key={l}>{t("tokenizerCompare.column", { lang: t(`tokenizerCompare.langs.${l}`), chars: Array.from(texts[l]).length })}</th>
              ))}
              {s.lang !== "own" && <th>{t("tokenizerCompare.ratio")}</th>}
            </tr>
          </thead>
          <tbody>
            {compareKinds.map((kind) => {
              const r = rows[kind];
              return (
                <tr key={kind}>
                  <th scope="row">{name(kind)}</th>
                  {langs.map((l) => (
                    <td key={l} data-testid={`tc-count-${kind}-${l}`} data-tokens={r[l]?.stats.tokens ?? ""}>
                      {r[l] ? (
                        <>
                          <span className="tc-n">{t("tokenizerCompare.cellTokens", { tokens: r[l].stats.tokens })}</span>
                          <span className="tc-cpt">{t("tokenizerCompare.cellCpt", { cpt: fmtRatio(r[l].stats.charsPerToken) })}</span>
                        </>
                      ) : (
                        "…"
                      )}
                    </td>
                  ))}
                  {s.lang !== "own" && <td>{r.en && r.ja && r.en.stats.tokens ? `×${fmtRatio(r.ja.stats.tokens / r.en.stats.tokens)}` : "…"}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <p className="muted tc-text-line">
        {t("tokenizerCompare.textLine", { chars: Array.from(texts[s.lang]).length, bytes: new TextEncoder().encode(texts[s.lang]).length })}
      </p>
      {compareKinds.map((kind) => {
        const row = rows[kind][s.lang];
        const msg = status(kind);
        return (
          <section key={kind} className="tc-row" data-testid={`tc-row-${kind}`} data-ids={row?.ids.join(",") ?? ""} aria-busy={!row}>
            <header>
              <strong>{name(kind)}</strong>
              {row && <span className="tc-stat">{t("tokenizerCompare.rowStat", { tokens: row.stats.tokens, cpt: fmtRatio(row.stats.charsPerToken), bpt: fmtRatio(row.stats.bytesPerToken) })}</span>}
            </header>
            {msg && (
              <p className="muted" role="status">
                {msg}
                {ours.status === "training" && kind === "ours" && <progress max={ours.total} value={ours.done} />}
              </p>
            )}
            {row && (
              <div className={`tc-chips${s.ids ? " with-ids" : ""}`} data-testid={`tc-chips-${kind}`}>
                {row.pieces.length === 0 && <span className="muted">{t("tokenizerCompare.empty")}</span>}
                {row.pieces.map((p, i) => (
                  <Fragment key={i}>
                    <span className={`tc-chip c${i % 6}${p.ids.length > 1 ? " multi" : ""}`} title={t("tokenizerCompare.chipTitle", { ids: p.ids.join(", "), count: p.ids.length })} data-ids={p.ids.join(",")}>
                      <span className="tc-chip-text">{s.ws ? visible(p.text).replace(/\n$/, "") : p.text}</span>
                      {s.ids && <span className="tc-chip-id">{p.ids.join(" ")}</span>}
                    </span>
                    {/* chips in a row lose the text's line breaks: put them back after a token that ends one */}
                    {(s.ids || s.ws) && p.text.endsWith("\n") && <span className="tc-break" />}
                  </Fragment>
                ))}
              </div>
            )}
          </section>
        );
      })}
      <p className="muted tc-legend">{t("tokenizerCompare.legend")}</p>
    </figure>
  );
}
