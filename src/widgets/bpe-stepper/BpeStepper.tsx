import { useMemo, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { CompressionPlot, Explanation, PairTable, Sequence, VocabTable } from "./Panels";
import { bpePresets, OWN_DEFAULT, presetChunks, type BpePreset } from "./presets";
import { BpeReplay, pairCounts, rankPairs, vocabBytes } from "./stepper";

const MAX_MERGES = 2000;

/** BPE training one merge at a time: pair counts with ties, the sequence before and after, the vocabulary. */
export default function BpeStepper({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        preset: { type: "enum", default: String(props.preset), values: bpePresets },
        text: { type: "string", default: OWN_DEFAULT, maxLength: 600 },
        split: { type: "boolean", default: false },
        n: { type: "number", default: 0, min: 0, max: MAX_MERGES, integer: true },
        view: { type: "enum", default: "text", values: ["text", "bytes"] },
        tie: { type: "enum", default: "first", values: ["first", "lex"] },
      }) as const,
    [props.preset],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const preset = s.preset as BpePreset;
  const split = s.split && preset !== "hf"; // the Hugging Face words are already apart
  const replay = useMemo(() => new BpeReplay(presetChunks(preset, s.text, split), s.tie), [preset, s.text, split, s.tie]);
  const [target, setTarget] = useState("10");

  const n = replay.available(s.n); // a URL asking for more merges than the text allows shows them all
  const more = replay.available(n + 1) > n;
  const steps = replay.merges(n);
  const vocab = vocabBytes(steps);
  const before = n > 0 ? replay.at(n - 1) : null;
  const after = replay.at(n);
  const ranked = rankPairs(pairCounts(after));
  const last = steps[n - 1];
  const view = s.view as "text" | "bytes";

  const go = (k: number) => update({ n: Math.max(0, Math.min(MAX_MERGES, k)) });
  const onKeyDown = (e: KeyboardEvent) => {
    if (["INPUT", "SELECT", "TEXTAREA"].includes((e.target as HTMLElement).tagName)) return;
    if (e.key === "ArrowRight" && more) go(n + 1);
    else if (e.key === "ArrowLeft" && n > 0) go(n - 1);
    else return;
    e.preventDefault();
  };

  return (
    <figure className="widget bpe-stepper" data-testid="bpe-stepper" data-id={String(props.id)} onKeyDown={onKeyDown}>
      <figcaption>{t("bpeStepper.title")}</figcaption>
      <div className="bpe-source">
        <label data-field="preset">
          {t("bpeStepper.preset")}
          <select value={preset} onChange={(e) => update({ preset: e.target.value as BpePreset, n: 0 })} data-testid="bpe-preset">
            {bpePresets.map((p) => (
              <option key={p} value={p}>
                {t(`bpeStepper.presets.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label data-field="tie">
          {t("bpeStepper.tie")}
          <select value={s.tie} onChange={(e) => update({ tie: e.target.value as "first" | "lex", n: 0 })} data-testid="bpe-tie-rule">
            <option value="first">{t("bpeStepper.ties.first")}</option>
            <option value="lex">{t("bpeStepper.ties.lex")}</option>
          </select>
        </label>
        <fieldset data-field="view" className="bpe-view">
          <legend>{t("bpeStepper.view")}</legend>
          {(["text", "bytes"] as const).map((v) => (
            <label key={v}>
              <input type="radio" name={`${String(props.id)}-view`} checked={view === v} onChange={() => update({ view: v })} data-testid={`bpe-view-${v}`} /> {t(`bpeStepper.views.${v}`)}
            </label>
          ))}
        </fieldset>
        <label data-field="split" className="bpe-check">
          <input type="checkbox" checked={split} disabled={preset === "hf"} onChange={(e) => update({ split: e.target.checked, n: 0 })} data-testid="bpe-split" /> {t("bpeStepper.split")}
        </label>
      </div>
      {preset === "own" && (
        <label data-field="text" className="bpe-own">
          {t("bpeStepper.ownText")}
          <textarea value={s.text} maxLength={600} rows={2} spellCheck={false} onChange={(e) => update({ text: e.target.value, n: 0 })} data-testid="bpe-text" />
        </label>
      )}
      <div className="bpe-buttons">
        <button onClick={() => go(n + 1)} disabled={!more} data-testid="bpe-next" aria-keyshortcuts="ArrowRight">
          {t("bpeStepper.next")}
        </button>
        <button onClick={() => go(n - 1)} disabled={n === 0} data-testid="bpe-undo" aria-keyshortcuts="ArrowLeft">
          {t("bpeStepper.undo")}
        </button>
        <form
          className="bpe-run"
          onSubmit={(e) => {
            e.preventDefault();
            const k = Number(target);
            if (Number.isInteger(k) && k >= 0) go(k);
          }}
        >
          <label>
            {t("bpeStepper.runTo")}
            <input type="number" min={0} max={MAX_MERGES} value={target} onChange={(e) => setTarget(e.target.value)} data-testid="bpe-target" />
          </label>
          <button type="submit" data-testid="bpe-run">
            {t("bpeStepper.run")}
          </button>
        </form>
        <button onClick={reset} data-testid="bpe-reset">
          {t("widget.reset")}
        </button>
      </div>
      <p className="bpe-status" data-testid="bpe-status">
        {t("bpeStepper.status", { count: n, vocab: 256 + n, tokens: after.reduce((k, c) => k + c.ids.length * c.count, 0), bytes: replay.bytes })}
      </p>
      <Explanation last={last} vocab={vocab} view={view} policy={s.tie} exhausted={!more} />
      <div className="bpe-seq-box" tabIndex={0} role="group" aria-label={t("bpeStepper.keyHint")} data-testid="bpe-seq">
        {before && last && <Sequence label={t("bpeStepper.before", { n })} chunks={before} vocab={vocab} view={view} hitPair={last.pair} testId="bpe-before" />}
        <Sequence label={n > 0 ? t("bpeStepper.after", { n }) : t("bpeStepper.start")} chunks={after} vocab={vocab} view={view} newId={last?.newId} testId="bpe-after" />
        <p className="bpe-ids">
          {t("bpeStepper.ids")}{" "}
          <code data-testid="bpe-ids">{after.map((c) => `[${c.ids.join(", ")}]${c.count > 1 ? `×${c.count}` : ""}`).join(" ")}</code>
        </p>
      </div>
      <div className="bpe-panels">
        <PairTable ranked={ranked} vocab={vocab} view={view} policy={s.tie} mergeNumber={n + 1} />
        <VocabTable steps={steps} vocab={vocab} />
      </div>
      <CompressionPlot ratios={replay.compression(n)} />
    </figure>
  );
}
