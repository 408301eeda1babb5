import { useEffect, useState } from "react";
import { loadTiktoken, RegexTokenizer, type TiktokenKind, type Tokenizer } from "../../core/tokenizers";

export type Loaded = { status: "loading" } | { status: "ready"; tokenizer: Tokenizer } | { status: "error"; message: string };
export type Training = { status: "loading" } | { status: "training"; done: number; total: number } | { status: "ready"; tokenizer: RegexTokenizer } | { status: "error"; message: string };

const tiktokenKinds: TiktokenKind[] = ["gpt2", "cl100k", "o200k"];

/**
 * OpenAI's three encodings. Their rank tables (1–4 MB each) are downloaded only now, when a TokenizerCompare
 * mounts; loadTiktoken shares them with anything else on the page that asks.
 */
export function useTiktokens(): Record<TiktokenKind, Loaded> {
  const [state, setState] = useState<Record<TiktokenKind, Loaded>>({ gpt2: { status: "loading" }, cl100k: { status: "loading" }, o200k: { status: "loading" } });
  useEffect(() => {
    let live = true;
    for (const kind of tiktokenKinds) {
      loadTiktoken(kind).then(
        (tokenizer) => live && setState((s) => ({ ...s, [kind]: { status: "ready", tokenizer } })),
        (e: Error) => live && setState((s) => ({ ...s, [kind]: { status: "error", message: e.message } })),
      );
    }
    return () => {
      live = false;
    };
  }, []);
  return state;
}

const trained = new Map<string, RegexTokenizer>(); // "<corpus key>|<vocab size>" -> tokenizer, kept while the page lives
let mobyDick: Promise<string> | null = null;

/** The built-in Moby-Dick text, served by the build beside the page (fetched once). */
function loadMobyDick(): Promise<string> {
  mobyDick ??= fetch("corpora/moby-dick.txt").then((r) => {
    if (!r.ok) throw new Error(`corpora/moby-dick.txt: HTTP ${r.status}`);
    return r.text();
  });
  mobyDick.catch(() => (mobyDick = null)); // a failed download may be retried
  return mobyDick;
}

/**
 * minbpe's RegexTokenizer (GPT-4 split pattern) trained in the page on Moby-Dick or on the learner's text,
 * with a progress count. Training 512 tokens on Moby-Dick's 1.2 MB takes well under a second on a laptop; the
 * result is cached, so flipping presets never retrains.
 */
export function useOwnBpe(corpus: "moby" | "own", ownText: string, vocabSize: number): Training {
  const key = `${corpus === "moby" ? "moby" : `own:${ownText}`}|${vocabSize}`;
  const [state, setState] = useState<{ key: string; value: Training }>({ key: "", value: { status: "loading" } });
  const cached = trained.get(key);
  useEffect(() => {
    if (trained.has(key)) return;
    let stop = false;
    const set = (value: Training) => !stop && setState({ key, value });
    (corpus === "moby" ? loadMobyDick() : Promise.resolve(ownText))
      .then(async (text) => {
        const tok = new RegexTokenizer();
        await tok.trainAsync(text, vocabSize, { onProgress: (done, total) => set({ status: "training", done, total }), shouldStop: () => stop, yieldEvery: 16 });
        if (stop) return;
        if (corpus === "own") for (const k of trained.keys()) if (k.startsWith("own:")) trained.delete(k); // keep one
        trained.set(key, tok);
        set({ status: "ready", tokenizer: tok });
      })
      .catch((e: Error) => set({ status: "error", message: e.message }));
    return () => {
      stop = true;
    };
  }, [key, corpus, ownText, vocabSize]);
  if (cached) return { status: "ready", tokenizer: cached };
  return state.key === key ? state.value : { status: "loading" };
}
