import { useTranslation } from "react-i18next";
import { choosePair, mergedPositions, tokenText, visibleWhitespace, type Chunk, type MergeStep, type PairCount, type TiePolicy } from "./stepper";

type View = "text" | "bytes";

/**
 * How a token is written on its chip. Text view: its characters (whitespace made visible), or its bytes in
 * ‹ › when they are only part of a character; bytes view: the byte values.
 * Example: tokenLabel([97, 32], "text") → { label: "a␣", partial: false }; tokenLabel([227, 129], "text") → { label: "‹227 129›", partial: true }
 */
export function tokenLabel(bytes: Uint8Array, view: View): { label: string; partial: boolean } {
  const text = view === "text" ? tokenText(bytes) : null;
  if (text !== null) return { label: visibleWhitespace(text), partial: false };
  const list = Array.from(bytes).join(" ");
  return view === "bytes" ? { label: list, partial: false } : { label: `‹${list}›`, partial: true };
}

const pairLabel = (pair: readonly [number, number], vocab: Uint8Array[], view: View) =>
  pair.map((id) => (view === "text" && tokenText(vocab[id]) !== null ? `“${tokenLabel(vocab[id], view).label}”` : tokenLabel(vocab[id], view).label)).join(" + ");

const SHOWN_TIES = 3;

/** Pairs as "(1, 2), (3, 4)", the list cut after a few. Example: 5 pairs → "(1, 2), (3, 4), (5, 6) and 2 more" */
function listPairs(pairs: [number, number][], more: (count: number) => string): string {
  const shown = pairs.slice(0, SHOWN_TIES).map((p) => `(${p.join(", ")})`).join(", ");
  return pairs.length > SHOWN_TIES ? `${shown} ${more(pairs.length - SHOWN_TIES)}` : shown;
}

/** What the last merge did, and whether it was a tie (and who won it). */
export function Explanation({ last, vocab, view, policy, exhausted }: { last?: MergeStep; vocab: Uint8Array[]; view: View; policy: TiePolicy; exhausted: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="bpe-explain" aria-live="polite" data-testid="bpe-explain">
      {!last ? (
        <p>{t("bpeStepper.ready")}</p>
      ) : (
        <p>
          {t(last.joined === last.count ? "bpeStepper.merged" : "bpeStepper.mergedOverlap", {
            n: last.newId - 255,
            a: last.pair[0],
            b: last.pair[1],
            count: last.count,
            joined: last.joined,
            id: last.newId,
            text: tokenLabel(vocab[last.newId], view).label,
          })}
        </p>
      )}
      {last && last.tiedWith.length > 0 && (
        <p className="bpe-tie-note" data-testid="bpe-tie-note">
          {t(policy === "first" ? "bpeStepper.tieFirst" : "bpeStepper.tieLex", {
            winner: `(${last.pair.join(", ")})`,
            others: listPairs(last.tiedWith, (count) => t("bpeStepper.andMore", { count })),
            count: last.count,
          })}
        </p>
      )}
      {exhausted && <p>{t("bpeStepper.exhausted")}</p>}
    </div>
  );
}

/** A sequence as token chips: the tokens a merge joins are outlined (before), the new tokens filled (after). */
export function Sequence({ label, chunks, vocab, view, hitPair, newId, testId }: { label: string; chunks: Chunk[]; vocab: Uint8Array[]; view: View; hitPair?: readonly [number, number]; newId?: number; testId: string }) {
  return (
    <div className="bpe-seq" data-testid={testId}>
      <div className="bpe-seq-label">{label}</div>
      <div className="bpe-chunks">
        {chunks.map((c, k) => {
          const hits = new Set(hitPair ? mergedPositions(c.ids, hitPair) : []);
          return (
            <span className="bpe-chunk" key={k}>
              {c.ids.map((id, i) => {
                const { label: text, partial } = tokenLabel(vocab[id], view);
                const cls = ["bpe-chip", id >= 256 ? "merged" : "", partial ? "partial" : "", hits.has(i) ? "hit" : "", id === newId ? "new" : ""].filter(Boolean).join(" ");
                return (
                  <span className={cls} key={i} data-id={id}>
                    <span className="bpe-chip-text">{text}</span>
                    <span className="bpe-chip-id">{id}</span>
                  </span>
                );
              })}
              {c.count > 1 && <span className="bpe-count">×{c.count}</span>}
            </span>
          );
        })}
      </div>
    </div>
  );
}

const SHOWN_PAIRS = 12;

/** The pair counts now, most frequent first; a tie for the top count is highlighted and its winner marked. */
export function PairTable({ ranked, vocab, view, policy, mergeNumber }: { ranked: PairCount[]; vocab: Uint8Array[]; view: View; policy: TiePolicy; mergeNumber: number }) {
  const { t } = useTranslation();
  const top = ranked.filter((p) => p.count === ranked[0]?.count);
  const tie = top.length > 1;
  const winner = choosePair(ranked, policy)?.winner;
  return (
    <section className="bpe-panel" aria-labelledby="bpe-pairs-title">
      <h4 id="bpe-pairs-title">{t("bpeStepper.pairsTitle", { n: mergeNumber })}</h4>
      {tie && (
        <p className="bpe-tie-note" data-testid="bpe-tie">
          {t("bpeStepper.tieAhead", { count: top.length, times: top[0].count })}
        </p>
      )}
      <div className="table-scroll bpe-table-box">
        <table className="bpe-table" data-testid="bpe-pairs">
          <thead>
            <tr>
              <th>{t("bpeStepper.pair")}</th>
              <th>{t("bpeStepper.pieces")}</th>
              <th>{t("bpeStepper.count")}</th>
            </tr>
          </thead>
          <tbody>
            {ranked.slice(0, SHOWN_PAIRS).map((p) => {
              const isTie = tie && p.count === top[0].count;
              const isWinner = p === winner;
              return (
                <tr key={p.pair.join(",")} className={[isTie ? "tie" : "", isWinner ? "winner" : ""].filter(Boolean).join(" ")} data-pair={p.pair.join(",")} data-tie={isTie} data-winner={isWinner}>
                  <td>({p.pair.join(", ")})</td>
                  <td>{pairLabel(p.pair, vocab, view)}</td>
                  <td>
                    {p.count}
                    {isWinner && <span className="bpe-badge">{t("bpeStepper.nextBadge")}</span>}
                    {isTie && <span className="bpe-badge tie">{t("bpeStepper.tieBadge")}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {ranked.length > SHOWN_PAIRS && <p className="muted">{t("bpeStepper.morePairs", { count: ranked.length - SHOWN_PAIRS })}</p>}
      {!ranked.length && <p className="muted">{t("bpeStepper.noPairs")}</p>}
    </section>
  );
}

/** The merged part of the vocabulary, newest first: id, the pair it joins, its bytes and its text. */
export function VocabTable({ steps, vocab }: { steps: MergeStep[]; vocab: Uint8Array[] }) {
  const { t } = useTranslation();
  return (
    <section className="bpe-panel" aria-labelledby="bpe-vocab-title">
      <h4 id="bpe-vocab-title">{t("bpeStepper.vocabTitle", { size: 256 + steps.length, merges: steps.length })}</h4>
      <div className="table-scroll bpe-table-box">
        <table className="bpe-table" data-testid="bpe-vocab">
          <thead>
            <tr>
              <th>id</th>
              <th>{t("bpeStepper.joins")}</th>
              <th>{t("bpeStepper.bytes")}</th>
              <th>{t("bpeStepper.text")}</th>
            </tr>
          </thead>
          <tbody>
            {steps
              .map((step, i) => (
                <tr key={step.newId} className={i === steps.length - 1 ? "newest" : ""} data-id={step.newId}>
                  <td>{step.newId}</td>
                  <td>
                    {step.pair[0]} + {step.pair[1]}
                    {step.tiedWith.length > 0 && <span className="bpe-badge tie">{t("bpeStepper.tieBadge")}</span>}
                  </td>
                  <td>[{Array.from(vocab[step.newId]).join(", ")}]</td>
                  <td>{tokenLabel(vocab[step.newId], "text").label}</td>
                </tr>
              ))
              .reverse()}
            <tr className="muted">
              <td>0–255</td>
              <td colSpan={3}>{t("bpeStepper.byteRows")}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

const W = 320, H = 150, L = 40, R = 12, T = 10, B = 32;

/** Bytes per token after 0, 1, …, n merges: every merge shortens the sequence, so the line only goes up. */
export function CompressionPlot({ ratios }: { ratios: number[] }) {
  const { t } = useTranslation();
  const n = ratios.length - 1;
  const xMax = Math.max(1, n);
  const yMax = Math.max(2, Math.ceil(ratios[n] ?? 1));
  const px = (k: number) => L + (k / xMax) * (W - L - R);
  const py = (r: number) => T + ((yMax - r) / (yMax - 1)) * (H - T - B);
  const line = ratios.map((r, k) => `${k ? "L" : "M"}${px(k).toFixed(1)},${py(r).toFixed(1)}`).join(" ");
  const now = ratios[n] ?? 1;
  return (
    <figure className="bpe-plot" data-testid="bpe-plot" data-ratio={now}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t("bpeStepper.plotLabel", { ratio: now.toFixed(2), n })}>
        {[1, yMax].map((y) => (
          <g key={y}>
            <line className="fc-grid" x1={L} x2={W - R} y1={py(y)} y2={py(y)} />
            <text className="fc-tick" x={L - 4} y={py(y) + 4} textAnchor="end">
              {y}
            </text>
          </g>
        ))}
        {[0, xMax].map((x) => (
          <text key={x} className="fc-tick" x={px(x)} y={H - B + 15} textAnchor="middle">
            {x}
          </text>
        ))}
        <text className="fc-tick" x={(L + W - R) / 2} y={H - 4} textAnchor="middle">
          {t("bpeStepper.plotX")}
        </text>
        <path className="bpe-curve" d={line} />
        {n <= 60 && ratios.map((r, k) => <circle key={k} className="bpe-dot" cx={px(k)} cy={py(r)} r={k === n ? 4 : 2.5} />)}
      </svg>
      <figcaption className="fc-legend">{t("bpeStepper.plotCaption", { ratio: now.toFixed(2) })}</figcaption>
    </figure>
  );
}
