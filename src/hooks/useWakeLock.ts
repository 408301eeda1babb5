import { useEffect } from "react";

/** The parts of `navigator.wakeLock` and `document` the lock needs (a fake stands in for them in Vitest). */
export interface WakeLockEnv {
  wakeLock?: { request(type: "screen"): Promise<{ released: boolean; release(): Promise<void> }> };
  isVisible(): boolean;
  onVisibilityChange(listener: () => void): () => void;
}

function browserEnv(): WakeLockEnv | null {
  if (typeof navigator === "undefined" || typeof document === "undefined") return null;
  return {
    wakeLock: "wakeLock" in navigator ? navigator.wakeLock : undefined,
    isVisible: () => document.visibilityState === "visible",
    onVisibilityChange(listener) {
      document.addEventListener("visibilitychange", listener);
      return () => document.removeEventListener("visibilitychange", listener);
    },
  };
}

/**
 * Holds a screen wake lock until `stop()`: requests it now (when the page is visible), requests it again each time
 * the page becomes visible (the browser drops the lock when the tab is hidden), and releases it on `stop()`.
 * Where the Wake Lock API is missing, or a request is refused (battery saver, no user activation), it does nothing:
 * the screen may then dim, and nothing else changes.
 */
export function holdWakeLock(env: WakeLockEnv | null = browserEnv()): { stop(): void } {
  const api = env?.wakeLock;
  if (!env || !api) return { stop() {} };
  let stopped = false;
  let sentinel: { released: boolean; release(): Promise<void> } | null = null;
  let pending = false;
  const acquire = () => {
    if (stopped || pending || !env.isVisible() || (sentinel && !sentinel.released)) return;
    pending = true;
    api.request("screen").then(
      (s) => {
        pending = false;
        if (stopped) void s.release().catch(() => {});
        else sentinel = s;
      },
      () => {
        pending = false; // refused: keep going without it
      },
    );
  };
  const unlisten = env.onVisibilityChange(acquire);
  acquire();
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      unlisten();
      if (sentinel && !sentinel.released) void sentinel.release().catch(() => {});
      sentinel = null;
    },
  };
}

/** Keeps the screen awake while `active` (training, presenting); no-op where the Wake Lock API is unsupported. */
export function useWakeLock(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const lock = holdWakeLock();
    return () => lock.stop();
  }, [active]);
}
