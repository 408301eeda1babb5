/** Which backend the page computes on: the value behind the header badge, set by runtime.ts when it starts.
 * Its own module (no imports) so that runtime.ts can set it while backendStore.ts loads runtime.ts lazily. */
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

export function getBackendState(): BackendState {
  return state;
}

export function subscribeBackendState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
