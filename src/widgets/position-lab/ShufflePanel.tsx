import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { DemoModel } from "../shared/demoModel";
import { visibleWhitespace } from "../shared/text";
import { shuffleTest, PERMUTED_TOL } from "./shuffle";

interface ShuffleState {
  text: string;
  positions: boolean;
  causal: boolean;
  seed: number;
}

/** The shuffle test on the real model: run a text and its shuffle, undo the shuffle on the outputs, compare. */
export function ShufflePanel({ s, update, demo }: { s: ShuffleState; update: (patch: Partial<ShuffleState>) => void; demo: DemoModel }) {
  const { t } = useTranslation();
  const r = useMemo(() => shuffleTest(demo, s.text, s.seed, { positions: s.positions, causal: s.causal }), [demo, s.text, s.seed, s.positions, s.causal]);
  const label = (id: number) => visibleWhitespace(demo.tokenizer.decode([id])) || "∅";
  return (
    <section className="pl-shuffle" aria-label={t("embeddings.lab.shuffleTitle")}>
      <h4>{t("embeddings.lab.shuffleTitle")}</h4>
      <div className="pl-controls">
        <label data-field="text" className="pl-text">
          {t("embeddings.lab.text")}
          <input value={s.text} maxLength={64} spellCheck={false} onChange={(e) => update({ text: e.target.value })} data-testid="pl-text" />
        </label>
        <label data-field="positions" className="pl-check">
          <input type="checkbox" checked={s.positions} onChange={(e) => update({ positions: e.target.checked })} data-testid="pl-positions" /> {t("embeddings.lab.positions")}
        </label>
        <label data-field="causal" className="pl-check">
          <input type="checkbox" checked={s.causal} onChange={(e) => update({ causal: e.target.checked })} data-testid="pl-causal" /> {t("embeddings.lab.causal")}
        </label>
        <button onClick={() => update({ seed: s.seed + 1 })} data-testid="pl-reshuffle" data-field="seed">
          {t("embeddings.lab.reshuffle")}
        </button>
      </div>
      {!r.ok ? (
        <p className="pl-error" role="alert" data-testid="pl-shuffle-error">
          {r.error === "empty" ? t("embeddings.lab.empty") : t("embeddings.lab.badText", { message: r.error })}
        </p>
      ) : (
        <>
          {r.dropped > 0 && <p className="pl-note">{t("embeddings.lab.cropped", { blockSize: demo.model.config.blockSize })}</p>}
          <p className="pl-seq">
            <span>{t("embeddings.lab.original")}</span> <code>{r.ids.map(label).join("")}</code>
            <br />
            <span>{t("embeddings.lab.shuffled")}</span> <code data-testid="pl-shuffled">{r.probe.shuffledIds.map(label).join("")}</code>
          </p>
          <div className="pl-preds">
            <table data-testid="pl-preds">
              <tbody>
                <tr>
                  <th scope="row">{t("embeddings.lab.table_pos")}</th>
                  {r.probe.perm.map((_, i) => (
                    <td key={i}>{i}</td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">{t("embeddings.lab.table_tok")}</th>
                  {r.probe.shuffledIds.map((id, i) => (
                    <td key={i}>
                      <code>{label(id)}</code>
                    </td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">{t("embeddings.lab.table_pred")}</th>
                  {r.shuffledPred.map((id, i) => (
                    <td key={i} data-same={id === r.originalPred[r.probe.perm[i]] ? "" : undefined}>
                      <code>{label(id)}</code>
                    </td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">{t("embeddings.lab.table_orig")}</th>
                  {r.probe.perm.map((p, i) => (
                    <td key={i}>
                      <code>{label(r.originalPred[p])}</code>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          <p className="pl-diff">{t("embeddings.lab.diff", { diff: r.probe.permutedDiff.toExponential(1) })}</p>
          <p className={`pl-verdict ${r.permuted ? "pl-ok" : "pl-changed"}`} data-testid="pl-verdict" data-verdict={r.permuted ? "permuted" : "changed"} data-diff={r.probe.permutedDiff} data-tol={PERMUTED_TOL}>
            {r.permuted ? t("embeddings.lab.permuted") : t("embeddings.lab.changed")}
          </p>
        </>
      )}
    </section>
  );
}
