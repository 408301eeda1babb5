import { useSyncExternalStore } from "react";

/** Which backend the page computes on, for the header badge. Tiny, so the header never loads TF.js. */
export interface BackendState {
  backend?: string;
  forced?: boolean;
  error?: string;
}

let state: BackendState = {};
const listeners = new Set<() => void>();

export function setBackendState(next: BackendState) {
  state = next;
  listeners.forEach((l) => l());
}

export function useBackendState(): BackendState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/** Loads TF.js and picks the backend; the dynamic import keeps TF.js out of the first page load. */
export async function loadRuntime() {
  const { startRuntime } = await import("./runtime");
  return startRuntime();
}
