import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { modelStep } from "../../core";
import { ModelPicker } from "../shared/ModelPicker";
import { PRETRAINED, useDemoModel } from "../shared/demoModel";
import { NumberField } from "../sampling-panel/NumberField";
import { visibleWhitespace } from "../shared/text";
import { cutTree, GPT_EXAMPLE, lengthScore, runSearch, samplePath, toyStep, TOYS, type PathResult, type SearchResult, type Step, type TreeNode } from "./beamLogic";
import "../sampling-panel/sampling-panel.css";
import "./beam-tree.css";

const STOPS = { none: null, space: " ", period: ".", newline: "\n" } as const;
type StopName = keyof typeof STOPS;

interface Outcome {
  sig: string;
  beam: SearchResult;
  greedy: PathResult;
  sampled: PathResult;
  decode: (ids: number[]) => string;
  stopToken?: number;
}

/** Beam search step by step: the tree of kept, finished and pruned branches; greedy vs beam vs a sample. */
export default function BeamTree({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        source: { type: "enum", default: String(props.source), values: ["twoStep", "stop", "model"] },
        model: { type: "string", default: PRETRAINED, maxLength: 80 },
        prompt: { type: "string", default: GPT_EXAMPLE.prompt, maxLength: 120 },
        width: { type: "number", default: GPT_EXAMPLE.width, min: 1, max: 5, integer: true },
        alpha: { type: "number", default: GPT_EXAMPLE.alpha, min: 0, max: 3 },
        steps: { type: "number", default: GPT_EXAMPLE.steps, min: 1, max: 12, integer: true },
        stop: { type: "enum", default: GPT_EXAMPLE.stop as StopName, values: Object.keys(STOPS) as StopName[] },
        shown: { type: "number", default: 0, min: 0, max: 12, integer: true },
        seed: { type: "number", default: GPT_EXAMPLE.seed, min: 0, max: 2147483647, integer: true },
      }) as const,
    [props.source],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const isToy = s.source !== "model";
  const demo = useDemoModel(s.model);
  const loaded = !isToy && demo.status === "ready" ? demo.demo : null;
  const [outcome, setOutcome] = useState<Outcome | { sig: string; error: string } | null>(null);
  const maxSteps = isToy ? Math.min(s.steps, TOYS[s.source as keyof typeof TOYS].maxSteps) : s.steps;
  const sig = JSON.stringify([s.source, isToy ? "" : s.model, isToy ? "" : s.prompt, s.width, s.alpha, maxSteps, isToy ? "" : s.stop, s.seed]);

  useEffect(() => {
    let live = true;
    (async () => {
      let step: Step, prompt: number[], decode: (ids: number[]) => string, stopToken: number | undefined;
      if (s.source !== "model") {
        const toy = TOYS[s.source as keyof typeof TOYS];
        step = toyStep(toy);
        prompt = [];
        decode = (ids) => ids.map((id) => toy.vocab[id]).join(" ");
        stopToken = toy.stopToken;
      } else {
        if (!loaded) return;
        const { model, tokenizer } = loaded;
        if (s.prompt.length === 0) throw new Error("The prompt is empty: type at least one character.");
        prompt = tokenizer.encode(s.prompt);
        step = modelStep(model);
        decode = (ids) => tokenizer.decode(ids);
        const stopChar = STOPS[s.stop as StopName];
        stopToken = stopChar === null ? undefined : tokenizer.encode(stopChar)[0];
      }
      const beam = await runSearch(step, prompt, { width: s.width, alpha: s.alpha, maxSteps, stopToken });
      const greedy = await runSearch(step, prompt, { width: 1, alpha: s.alpha, maxSteps, stopToken });
      const sampled = await samplePath(step, prompt, maxSteps, s.seed, stopToken);
      if (live) setOutcome({ sig, beam, greedy: { tokens: greedy.best, logProb: greedy.beams[0].logProb }, sampled, decode, stopToken });
    })().catch((e: Error) => live && setOutcome({ sig, error: e.message }));
    return () => {
      live = false;
    };
  }, [sig, loaded, s.source, s.prompt, s.stop, s.width, s.alpha, s.seed, maxSteps]);

  const ready = outcome && outcome.sig === sig && "beam" in outcome ? outcome : null;
  const error = outcome && outcome.sig === sig && "error" in outcome ? outcome.error : demo.status === "error" && !isToy ? demo.error : null;
  const total = ready?.beam.steps ?? maxSteps;
  const shown = Math.min(s.shown, total);
  const done = ready !== null && shown >= total;
  const go = (k: number) => update({ shown: Math.max(0, Math.min(total, k)) });
  const onKeyDown = (e: KeyboardEvent) => {
    if (["INPUT", "SELECT", "TEXTAREA"].includes((e.target as HTMLElement).tagName)) return;
    if (e.key === "ArrowRight" && shown < total) go(shown + 1);
    else if (e.key === "ArrowLeft" && shown > 0) go(shown - 1);
    else return;
    e.preventDefault();
  };
  const change = (patch: Partial<typeof s>) => update({ ...patch, shown: 0 });
  const text = (ids: number[]) => (ready ? (isToy ? ready.decode(ids) : visibleWhitespace(ready.decode(ids))) : "");

  return (
    <figure className="widget beam-tree" data-testid="beam-tree" data-id={String(props.id)} onKeyDown={onKeyDown}>
      <figcaption>{t("decoding.beam.title")}</figcaption>
      <div className="dc-controls">
        <label data-field="source" className="dc-field">
          <span>{t("decoding.beam.source")}</span>
          <select value={s.source} onChange={(e) => change({ source: e.target.value as typeof s.source })} data-testid="bt-source">
            {(["twoStep", "stop", "model"] as const).map((v) => (
              <option key={v} value={v}>
                {t(`decoding.beam.sources.${v}`)}
              </option>
            ))}
          </select>
        </label>
        {!isToy && <ModelPicker value={s.model} onChange={(model) => change({ model })} testId="bt-model" />}
      </div>
      {!isToy && (
        <div className="dc-controls">
          <label data-field="prompt" className="dc-prompt bt-prompt">
            {t("decoding.beam.prompt")}
            <input type="text" value={s.prompt} maxLength={120} spellCheck={false} onChange={(e) => change({ prompt: e.target.value })} data-testid="bt-prompt" />
          </label>
          <label data-field="stop" className="dc-field">
            <span>{t("decoding.beam.stop")}</span>
            <select value={s.stop} onChange={(e) => change({ stop: e.target.value as StopName })} data-testid="bt-stop">
              {(Object.keys(STOPS) as StopName[]).map((v) => (
                <option key={v} value={v}>
                  {t(`decoding.beam.stops.${v}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="dc-controls">
        <NumberField label={t("decoding.beam.width")} value={s.width} min={1} max={5} integer onChange={(x) => change({ width: x })} testId="bt-width" field="width" />
        <NumberField label={t("decoding.beam.alpha")} value={s.alpha} min={0} max={3} step={0.1} onChange={(x) => change({ alpha: x })} testId="bt-alpha" field="alpha" />
        <NumberField label={t("decoding.beam.steps")} value={s.steps} min={1} max={12} integer onChange={(x) => change({ steps: x })} testId="bt-steps" field="steps" />
        <NumberField label={t("decoding.beam.seed")} value={s.seed} min={0} max={2147483647} integer onChange={(x) => change({ seed: x })} testId="bt-seed" field="seed" />
      </div>
      <div className="dc-buttons">
        <button className="primary" onClick={() => go(shown + 1)} disabled={!ready || shown >= total} data-testid="bt-step" aria-keyshortcuts="ArrowRight">
          {t("decoding.beam.step")}
        </button>
        <button onClick={() => go(total)} disabled={!ready || done} data-testid="bt-run">
          {t("decoding.beam.run")}
        </button>
        <button onClick={reset} data-testid="bt-reset">
          {t("widget.reset")}
        </button>
      </div>
      {error && (
        <p className="dc-error" role="alert" data-testid="bt-error">
          {error}
        </p>
      )}
      {!ready && !error && <p className="dc-muted">{isToy ? t("decoding.beam.searching") : t("demoModel.loading")}</p>}
      {ready && (
        <>
          <p className="dc-status" aria-live="polite" data-testid="bt-status">
            {t("decoding.beam.status", { shown, total, width: s.width })}
          </p>
          <div className="bt-tree" tabIndex={0} role="group" aria-label={t("decoding.beam.keyHint")} data-testid="bt-tree">
            <div className="bt-root">{isToy ? t("decoding.beam.start") : <code>{visibleWhitespace(s.prompt)}</code>}</div>
            <Branches node={cutTree(ready.beam.tree, shown)} path={[]} text={text} done={done} stopToken={ready.stopToken} />
          </div>
          {done && (
            <>
              <p className="bt-best" data-testid="bt-best" data-text={text(ready.beam.best)} data-p={Math.exp(ready.beam.beams[0].logProb).toFixed(2)}>
                {t("decoding.beam.best", { text: text(ready.beam.best), p: Math.exp(ready.beam.beams[0].logProb).toFixed(2), score: ready.beam.beams[0].score.toFixed(3) })}
              </p>
              <p className="bt-caption">{t("decoding.beam.compare", { alpha: s.alpha })}</p>
              <div className="table-scroll">
                <table className="bt-compare" data-testid="bt-compare">
                  <thead>
                    <tr>
                      <th>{t("decoding.beam.method")}</th>
                      <th>{t("decoding.beam.output")}</th>
                      <th>Σ log p</th>
                      <th>p</th>
                      <th>{t("decoding.beam.score")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(
                      [
                        ["greedy", ready.greedy],
                        ["beam", { tokens: ready.beam.best, logProb: ready.beam.beams[0].logProb }],
                        ["sampled", ready.sampled],
                      ] as const
                    ).map(([kind, r]) => (
                      <tr key={kind} data-testid={`bt-${kind}`} data-text={text(r.tokens)} data-p={Math.exp(r.logProb).toFixed(2)}>
                        <th scope="row">{t(`decoding.beam.methods.${kind}`, { width: s.width, seed: s.seed })}</th>
                        <td className="bt-text">{text(r.tokens)}</td>
                        <td>{r.logProb.toFixed(3)}</td>
                        <td>{Math.exp(r.logProb).toPrecision(3)}</td>
                        <td>{lengthScore(r.logProb, r.tokens.length, s.alpha).toFixed(3)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="bt-caption">{t("decoding.beam.finalBeams")}</p>
              <div className="table-scroll">
                <table className="bt-compare" data-testid="bt-beams">
                  <thead>
                    <tr>
                      <th>#</th>
                      <th>{t("decoding.beam.output")}</th>
                      <th>|y|</th>
                      <th>Σ log p</th>
                      <th>{t("decoding.beam.score")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ready.beam.beams.map((b, i) => (
                      <tr key={b.tokens.join(",")} className={i === 0 ? "bt-winner" : ""}>
                        <td>{i + 1}</td>
                        <td className="bt-text">
                          {text(b.tokens)} {b.finished && <span className="bt-tag">{t("decoding.beam.finished")}</span>}
                        </td>
                        <td>{b.tokens.length}</td>
                        <td>{b.logProb.toFixed(3)}</td>
                        <td>{b.score.toFixed(3)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <p className="dc-muted bt-legend">
            <span className="bt-chip kept">{t("decoding.beam.kept")}</span> <span className="bt-chip finished">{t("decoding.beam.finished")}</span> <span className="bt-chip pruned">{t("decoding.beam.pruned")}</span>{" "}
            {done && <span className="bt-chip best">{t("decoding.beam.bestPath")}</span>}
          </p>
        </>
      )}
    </figure>
  );
}

/** The children of one node as a nested list: each child a chip with its token, p and log p. */
function Branches({ node, path, text, done, stopToken }: { node: TreeNode; path: number[]; text: (ids: number[]) => string; done: boolean; stopToken?: number }) {
  if (node.children.length === 0) return null;
  return (
    <ul className="bt-level">
      {node.children.map((c) => {
        const p = [...path, c.token];
        const status = c.status === "kept" && c.token === stopToken ? "finished" : c.status;
        return (
          <li key={c.token} className={`bt-node ${status}${done && c.best ? " best" : ""}`} data-testid={`bt-node-${text(p)}`} data-status={status} data-p={Math.exp(c.logProb).toFixed(2)}>
            <span className="bt-chip">
              <span className="bt-token">{text([c.token])}</span>
              <span className="bt-prob">
                p {Math.exp(c.logProb).toFixed(c.logProb > -4.6 ? 2 : 4)} · log p {c.logProb.toFixed(2)}
              </span>
            </span>
            <Branches node={c} path={p} text={text} done={done} stopToken={stopToken} />
          </li>
        );
      })}
    </ul>
  );
}
