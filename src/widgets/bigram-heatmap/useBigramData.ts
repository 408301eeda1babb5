import { useEffect, useState } from "react";
import { loadBigramData, type BigramCorpusName, type BigramData } from "./data";

export type BigramDataState = { status: "loading" } | { status: "ready"; data: BigramData } | { status: "error"; message: string };

const LOADING: BigramDataState = { status: "loading" }; // one object: safe in a caller's effect dependencies

/** The counted corpus for a widget; switching corpus shows "loading" until the new counts are ready. */
export function useBigramData(corpus: BigramCorpusName): BigramDataState {
  const [state, setState] = useState<{ corpus: BigramCorpusName | null; value: BigramDataState }>({ corpus: null, value: LOADING });
  useEffect(() => {
    let live = true;
    loadBigramData(corpus, import.meta.env.BASE_URL ?? "/").then(
      (data) => live && setState({ corpus, value: { status: "ready", data } }),
      (e: Error) => live && setState({ corpus, value: { status: "error", message: e.message } }),
    );
    return () => {
      live = false;
    };
  }, [corpus]);
  return state.corpus === corpus ? state.value : LOADING;
}
