import { useEffect, useState } from "react";
import { CharTokenizer } from "../../core/tokenizers";
import type { TokenArray } from "../../core/train/data";
import { trainSplit } from "./batches";

export const corpora = ["moby-dick", "first-names"] as const;
export type CorpusName = (typeof corpora)[number];

export interface Corpus {
  name: CorpusName;
  characters: number;
  tokenizer: CharTokenizer;
  train: TokenArray; // the first 90% of the ids, the split getBatch draws training windows from
}

export type CorpusState = { status: "loading" } | { status: "ready"; corpus: Corpus } | { status: "error"; message: string };

const cache = new Map<CorpusName, Promise<Corpus>>();

/** A built-in corpus (served beside the page by scripts/corpora.ts), tokenized by characters as the lab does. */
function loadCorpus(name: CorpusName): Promise<Corpus> {
  let p = cache.get(name);
  if (!p) {
    const url = `${import.meta.env.BASE_URL ?? "/"}corpora/${name}.txt`;
    p = fetch(url)
      .then((res) => {
        if (!res.ok) throw new Error(`Could not load ${url}: the server answered ${res.status}. Reload the page; if it persists, rebuild the site.`);
        return res.text();
      })
      .then((text) => {
        const tokenizer = CharTokenizer.fromText(text);
        const ids = Uint16Array.from(tokenizer.encode(text)); // ≤ 65536 characters: ids fit in 16 bits, as nanoGPT's uint16 .bin
        return { name, characters: ids.length, tokenizer, train: trainSplit(ids) };
      });
    p.catch(() => cache.delete(name)); // a failed download may be retried
    cache.set(name, p);
  }
  return p;
}

export function useCorpus(name: CorpusName): CorpusState {
  const [state, setState] = useState<{ name: CorpusName | null; value: CorpusState }>({ name: null, value: LOADING });
  useEffect(() => {
    let live = true;
    loadCorpus(name).then(
      (corpus) => live && setState({ name, value: { status: "ready", corpus } }),
      (e: Error) => live && setState({ name, value: { status: "error", message: e.message } }),
    );
    return () => {
      live = false;
    };
  }, [name]);
  return state.name === name ? state.value : LOADING;
}

const LOADING: CorpusState = { status: "loading" }; // one object: safe in a caller's effect dependencies
