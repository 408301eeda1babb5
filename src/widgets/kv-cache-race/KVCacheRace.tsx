import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { GPTModel, Tokenizer } from "../../core";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { ModelPicker } from "../shared/ModelPicker";
import { PRETRAINED, useDemoModel } from "../shared/demoModel";
import { NumberField } from "../sampling-panel/NumberField";
import { visibleWhitespace } from "../shared/text";
import { decode, decodeAll, kvWork, maxPromptFor } from "./race";
import { kvCacheBytes } from "../kv-heads/kv";
import "../sampling-panel/sampling-panel.css";
import "./kv-cache-race.css";
import { errorText } from "../../lab/messageText";

type Mode = "without" | "with";
interface Lane {
  tokens: number[];
  kvRows: number[];
  ms: number; // compute time only: the pauses that let the page repaint are not counted
}
type Phase = "idle" | "warmup" | Mode | "done" | "error";

const pause = () => new Promise<void>((r) => setTimeout(r, 0));

/** Greedy generation twice, without and with the KV cache, timed live on this device; the same text both times. */
export default function KVCacheRace({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        model: { type: "string", default: PRETRAINED, maxLength: 80 },
        prompt: { type: "string", default: "Call me Ishmael.", maxLength: 64 },
        n: { type: "number", default: 48, min: 1, max: 64, integer: true },
      }) as const,
    [],
  );
  const [s, update, resetUrl] = useUrlState(String(props.id), schema);
  const demo = useDemoModel(s.model);
  const [phase, setPhase] = useState<Phase>("idle");
  const [lanes, setLanes] = useState<Partial<Record<Mode, Lane>>>({});
  const [error, setError] = useState<string | null>(null);
  const runId = useRef(0);
  useEffect(() => () => void runId.current++, []); // unmounting stops a race (its cache is freed by decode's finally)

  const ready = demo.status === "ready" ? demo.demo : null;
  const blockSize = ready?.model.config.blockSize ?? 64;
  const n = Math.min(s.n, blockSize);
  const keep = maxPromptFor(blockSize, n);

  const run = async (model: GPTModel, tokenizer: Tokenizer) => {
    const id = ++runId.current;
    setLanes({});
    setError(null);
    try {
      const all = tokenizer.encode(s.prompt);
      if (all.length === 0) throw new Error("The prompt is empty: type at least one character.");
      const prompt = all.slice(-keep);
      setPhase("warmup"); // the first calls compile kernels; neither lane should pay for that
      await decodeAll(model, prompt, Math.min(2, n), false);
      await decodeAll(model, prompt, Math.min(2, n), true);
      for (const mode of ["without", "with"] as Mode[]) {
        setPhase(mode);
        const lane: Lane = { tokens: [], kvRows: [], ms: 0 };
        const steps = decode(model, prompt, n, mode === "with");
        for (;;) {
          const t0 = performance.now();
          const r = await steps.next();
          lane.ms += performance.now() - t0;
          if (r.done) break;
          lane.tokens.push(r.value.id);
          lane.kvRows.push(r.value.kvRows);
          if (runId.current !== id) {
            await steps.return(undefined); // frees the cache
            return;
          }
          setLanes((l) => ({ ...l, [mode]: { ...lane, tokens: [...lane.tokens], kvRows: [...lane.kvRows] } }));
          await pause();
        }
      }
      setPhase("done");
    } catch (e) {
      if (runId.current !== id) return;
      setError((e as Error).message);
      setPhase("error");
    }
  };
  const reset = () => {
    runId.current++;
    resetUrl();
    setLanes({});
    setPhase("idle");
    setError(null);
  };
  const change = (patch: Partial<typeof s>) => {
    runId.current++;
    update(patch);
    setLanes({});
    setPhase("idle");
  };

  const running = phase === "warmup" || phase === "without" || phase === "with";
  const promptIds = (() => {
    try {
      return ready ? ready.tokenizer.encode(s.prompt).slice(-keep) : [];
    } catch {
      return [];
    }
  })();
  const P = promptIds.length;
  const a = lanes.without, b = lanes.with;
  const text = (ids: number[]) => (ready ? ready.tokenizer.decode(ids) : "");
  const same = a && b && a.tokens.length === n && b.tokens.length === n ? a.tokens.every((x, i) => x === b.tokens[i]) : null;
  const speedup = phase === "done" && a && b && b.ms > 0 ? a.ms / b.ms : null;
  const work = kvWork(P, n);
  const cfg = ready?.model.config;
  const cacheBytes = cfg ? kvCacheBytes({ layers: cfg.nLayer, tokens: P + n - 1, dModel: cfg.nEmbd, nHead: cfg.nHead, nKv: cfg.nHead, dtype: "fp32", batch: 1 }) : 0;

  return (
    <figure className="widget kv-cache-race" data-testid="kv-cache-race" data-id={String(props.id)}>
      <figcaption>{t("decoding.kv.title")}</figcaption>
      <div className="dc-controls">
        <ModelPicker value={s.model} onChange={(model) => change({ model })} testId="kv-model" />
        <NumberField label={t("decoding.kv.n")} value={s.n} min={1} max={64} integer onChange={(x) => change({ n: x })} testId="kv-n" field="n" />
      </div>
      <label data-field="prompt" className="dc-prompt">
        {t("decoding.kv.prompt")}
        <input type="text" value={s.prompt} maxLength={64} spellCheck={false} onChange={(e) => change({ prompt: e.target.value })} data-testid="kv-prompt" />
      </label>
      {ready && s.prompt.length > P && P > 0 && <p className="dc-muted">{t("decoding.kv.cropped", { keep, n, block: blockSize, used: visibleWhitespace(text(promptIds)) })}</p>}
      <div className="dc-buttons">
        <button className="primary" disabled={!ready || running} onClick={() => ready && run(ready.model, ready.tokenizer)} data-testid="kv-run">
          {t("decoding.kv.run", { n })}
        </button>
        <button onClick={reset} data-testid="kv-reset">
          {t("widget.reset")}
        </button>
      </div>
      {demo.status === "loading" && <p className="dc-muted">{t("demoModel.loading")}</p>}
      {demo.status === "error" && (
        <p className="dc-error" role="alert">
          {t("demoModel.error", { message: errorText(demo.error, t) })}
        </p>
      )}
      {error && (
        <p className="dc-error" role="alert" data-testid="kv-error">
          {error}
        </p>
      )}
      <p className="dc-status" aria-live="polite" data-testid="kv-phase">
        {t(`decoding.kv.phases.${phase}`)}
      </p>
      <div className="kv-lanes">
        {(["without", "with"] as Mode[]).map((mode) => {
          const lane = lanes[mode];
          const done = lane?.tokens.length ?? 0;
          return (
            <section key={mode} className={`kv-lane ${mode}`} data-testid={`kv-lane-${mode}`} aria-label={t(`decoding.kv.lanes.${mode}`)}>
              <h4>{t(`decoding.kv.lanes.${mode}`)}</h4>
              <progress max={n} value={done} aria-label={t("decoding.kv.progress", { done, n })} />
              <span className="dc-muted">
                {" "}
                {t("decoding.kv.progress", { done, n })}
              </span>
              <pre className="kv-text" data-testid={`kv-text-${mode}`}>
                <span className="kv-prompt-echo">{text(promptIds)}</span>
                {lane ? text(lane.tokens) : ""}
              </pre>
              {lane && done > 0 && (
                <p className="kv-time" data-testid={`kv-time-${mode}`}>
                  {t("decoding.kv.time", { ms: lane.ms.toFixed(0), per: (lane.ms / done).toFixed(1) })}
                </p>
              )}
            </section>
          );
        })}
      </div>
      {same !== null && (
        <p className={`kv-verdict ${same ? "ok" : "no"}`} data-testid="kv-same" data-same={same}>
          {same ? t("decoding.kv.same", { n }) : t("decoding.kv.differ")}
        </p>
      )}
      {speedup !== null && (
        <p className="kv-speedup" data-testid="kv-speedup">
          {t("decoding.kv.speedup", { x: speedup.toFixed(1) })}
        </p>
      )}
      {P > 0 && (
        <div className="table-scroll">
          <table className="kv-work" data-testid="kv-work">
            <caption>{t("decoding.kv.workCaption", { P, n })}</caption>
            <thead>
              <tr>
                <th>{t("decoding.kv.stepCol")}</th>
                <th>{t("decoding.kv.lanes.without")}</th>
                <th>{t("decoding.kv.lanes.with")}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{t("decoding.kv.prefill")}</td>
                <td>{P}</td>
                <td>{P}</td>
              </tr>
              <tr>
                <td>{t("decoding.kv.decodeStep")}</td>
                <td>t = {P + 1} … {P + n - 1}</td>
                <td>1</td>
              </tr>
              <tr className="kv-total">
                <td>{t("decoding.kv.total")}</td>
                <td data-testid="kv-work-without" data-rows={a && a.tokens.length === n ? a.kvRows.reduce((x, y) => x + y, 0) : work.without}>
                  {work.without.toLocaleString("en-US")}
                </td>
                <td data-testid="kv-work-with" data-rows={b && b.tokens.length === n ? b.kvRows.reduce((x, y) => x + y, 0) : work.with}>
                  {work.with.toLocaleString("en-US")}
                </td>
              </tr>
            </tbody>
          </table>
          <p className="dc-muted">{t("decoding.kv.workNote", { ratio: (work.without / work.with).toFixed(1), bytes: (cacheBytes / 1024).toFixed(0), L: cfg?.nLayer ?? 0, T: P + n - 1, h: cfg?.nHead ?? 0, d: cfg ? cfg.nEmbd / cfg.nHead : 0 })}</p>
        </div>
      )}
    </figure>
  );
}
