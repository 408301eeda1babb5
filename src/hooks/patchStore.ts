import { useSyncExternalStore } from "react";

/**
 * A module-level state that React components read with usePatchStore and code outside React updates by patches
 * (the device page's backend measurement, the lab-step timer). Example: const s = patchStore({ done: 0 });
 * s.set({ done: 1 }); s.get().done → 1, and every component using usePatchStore(s) renders again.
 */
export interface PatchStore<S> {
  get(): S;
  set(patch: Partial<S>): void;
  subscribe(listener: () => void): () => void;
}

export function patchStore<S extends object>(initial: S): PatchStore<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set: (patch) => {
      state = { ...state, ...patch };
      listeners.forEach((l) => l());
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export function usePatchStore<S>(store: PatchStore<S>): S {
  return useSyncExternalStore(store.subscribe, store.get);
}
