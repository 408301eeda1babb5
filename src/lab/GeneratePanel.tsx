import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { GenerateOptions, Reply, Request } from "../workers/protocol";
import { ColourLegend, probColour } from "./LabHelp";
import { errorText } from "./messageText";

interface Props {
  ready: boolean;
  send: (r: Request) => void;
  listen: (l: (r: Reply) => void) => () => void;
}

/** Prompt and decoding settings; the text streams in token by token, each coloured by its probability. */
export function GeneratePanel({ ready, send, listen }: Props) {
  const { t } = useTranslation();
  const [o, setO] = useState<GenerateOptions>({ prompt: "", maxNewTokens: 200, temperature: 0.8, topK: 40, topP: 1, greedy: false, beamWidth: 1, lengthPenalty: 1, seed: 1 });
  const [pieces, setPieces] = useState<{ text: string; prob: number }[]>([]);
  const [running, setRunning] = useState(false);
  /** why the last Generate produced nothing (a prompt outside the vocabulary): shown beside the prompt */
  const [problem, setProblem] = useState<string | null>(null);
  const id = useRef(0);

  useEffect(
    () =>
      listen((r) => {
        if (r.type === "token" && r.id === id.current) setPieces((p) => [...p, { text: r.text, prob: r.prob }]);
        if (r.type === "generated" && r.id === id.current) setRunning(false);
        if (r.type === "promptRejected" && r.id === id.current) {
          setRunning(false);
          setProblem(t("labState.unknownChars", { chars: r.unknown.map((c) => JSON.stringify(c)).join(", "), vocab: r.vocabSize }));
        }
        if (r.type === "error" && r.during === "generate") {
          setRunning(false);
          setProblem(t("labState.generateFailed", { message: errorText(r, t) }));
        }
      }),
    [listen, t],
  );

  const start = () => {
    id.current += 1;
    setPieces([]);
    setProblem(null);
    setRunning(true);
    send({ type: "generate", id: id.current, options: o });
  };
  const num = (key: keyof GenerateOptions, min: number, max: number, step: number) => (
    <label className="field">
      <span>{t(`labGen.${key}`)}</span>
      <input type="number" min={min} max={max} step={step} value={Number(o[key])} onChange={(e) => setO({ ...o, [key]: Number(e.target.value) })} />
    </label>
  );
  return (
    <section className="lab-panel" aria-labelledby="gen-title">
      <h2 id="gen-title">{t("labGen.title")}</h2>
      <label className="field wide">
        <span>{t("labGen.prompt")}</span>
        <input
          type="text"
          value={o.prompt}
          onChange={(e) => setO({ ...o, prompt: e.target.value })}
          placeholder={t("labGen.promptHint")}
          aria-invalid={problem !== null}
          aria-describedby={problem ? "gen-problem" : undefined}
          data-testid="gen-prompt"
        />
        {problem && (
          <small id="gen-problem" className="problem" role="alert" data-testid="gen-error">
            {problem}
          </small>
        )}
      </label>
      <div className="field-grid">
        {num("temperature", 0, 3, 0.1)}
        {num("topK", 0, 1000, 1)}
        {num("topP", 0.01, 1, 0.05)}
        {num("maxNewTokens", 1, 2000, 10)}
        {num("beamWidth", 1, 8, 1)}
        {num("lengthPenalty", 0, 3, 0.1)}
        {num("seed", 0, 2 ** 31 - 1, 1)}
        <label className="field check">
          <input type="checkbox" checked={o.greedy} onChange={(e) => setO({ ...o, greedy: e.target.checked })} />
          <span>{t("labGen.greedy")}</span>
        </label>
      </div>
      <div className="button-row">
        <button type="button" onClick={start} disabled={!ready || running} data-testid="gen-start">
          {t("labGen.generate")}
        </button>
        <button type="button" onClick={() => send({ type: "stopGenerate", id: id.current })} disabled={!running}>
          {t("labGen.stop")}
        </button>
      </div>
      <p className="generated" data-testid="gen-output" aria-live="polite">
        <span className="prompt-echo">{o.prompt}</span>
        {pieces.map((p, i) => (
          <span key={i} style={{ backgroundColor: probColour(p.prob) }} title={`p = ${p.prob.toFixed(3)}`}>
            {p.text}
          </span>
        ))}
      </p>
      {pieces.length > 0 && <ColourLegend />}
    </section>
  );
}
