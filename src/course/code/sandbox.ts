/**
 * What a code runner's worker removes from its own global scope before learner code runs: every way out to the
 * network (fetch, XHR, sockets, importScripts), to the learner's saved data (IndexedDB, Cache Storage) and to
 * other pages (BroadcastChannel, new workers). A worker has no DOM and no localStorage to begin with.
 */
export const blockedGlobals = [
  "fetch", "XMLHttpRequest", "WebSocket", "WebSocketStream", "WebTransport", "EventSource", "importScripts", "indexedDB", "caches",
  "BroadcastChannel", "Worker", "SharedWorker", "RTCPeerConnection", "Request", "Response",
] as const;

/**
 * Deletes each blocked global, or shadows it with `undefined` where it cannot be deleted (an accessor on the
 * prototype), and returns the names that are still reachable (none, when this worked).
 * Example: lockDown({ fetch() {}, x: 1 }) leaves { x: 1 } and returns [].
 */
export function lockDown(scope: object): string[] {
  const s = scope as Record<string, unknown>;
  for (const name of blockedGlobals) {
    if (!(name in s)) continue;
    try {
      delete s[name];
    } catch {
      /* not configurable: shadowed below */
    }
    if (name in s && s[name] !== undefined) {
      try {
        Object.defineProperty(s, name, { value: undefined, configurable: false, writable: false });
      } catch {
        /* reported below */
      }
    }
  }
  return blockedGlobals.filter((n) => s[n] !== undefined);
}
