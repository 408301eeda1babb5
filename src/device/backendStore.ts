import { useSyncExternalStore } from "react";
import { getBackendState, subscribeBackendState, type BackendState } from "./backendState";

/** The backend badge's state and the lazy TF.js runtime. Tiny, so the header never loads TF.js. */
export type { BackendState } from "./backendState";

export function useBackendState(): BackendState {
  return useSyncExternalStore(subscribeBackendState, getBackendState);
}

/** Loads TF.js and picks the backend; the dynamic import keeps TF.js out of the first page load. */
export async function loadRuntime() {
  const { startRuntime } = await import("./runtime");
  return startRuntime();
}
