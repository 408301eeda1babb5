import { useEffect, useState } from "react";
import type { DemoModelState } from "../shared/demoModel";
import { modelStep } from "../../core";

export type NextLogits = { status: "idle" } | { status: "loading" } | { status: "ready"; logits: Float32Array; labels: string[]; key: string } | { status: "error"; error: string };

/**
 * The demo model's next-token logits after `prompt` (cropped to the block, as generate() does), recomputed
 * when the prompt or model changes; labels are each id's text. Idle when `active` is false.
 */
export function useNextLogits(state: DemoModelState, prompt: string, active: boolean): NextLogits {
  const [out, setOut] = useState<{ key: string; result: NextLogits } | null>(null);
  const key = state.status === "ready" ? `${state.demo.source}|${prompt}` : "";
  const demo = state.status === "ready" ? state.demo : null; // one cached object per model (state itself is not stable)
  useEffect(() => {
    if (!active || !demo) return;
    const { model, tokenizer } = demo;
    let live = true;
    (async () => {
      try {
        if (prompt.length === 0) throw new Error("The prompt is empty: type at least one character.");
        const ids = tokenizer.encode(prompt);
        const [logits] = await modelStep(model)([ids]);
        const labels = Array.from({ length: model.config.vocabSize }, (_, id) => tokenizer.decode([id]));
        if (live) setOut({ key, result: { status: "ready", logits, labels, key } });
      } catch (e) {
        if (live) setOut({ key, result: { status: "error", error: (e as Error).message } });
      }
    })();
    return () => {
      live = false;
    };
  }, [demo, prompt, active, key]);
  if (!active) return IDLE;
  if (state.status === "error") return { status: "error", error: state.error };
  if (state.status === "loading" || out?.key !== key) return LOADING;
  return out.result;
}

// one object each, so callers may put the result in an effect's dependencies
const IDLE: NextLogits = { status: "idle" };
const LOADING: NextLogits = { status: "loading" };
