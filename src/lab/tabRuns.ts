import { loadJSON, saveJSON } from "../storage";

/**
 * Which run each tab is on. A tab's current run lives in sessionStorage (its own, and it survives a reload); the
 * browser-wide "last run" in localStorage is only a fallback for a new tab. While a tab has a current run it holds
 * a Web Lock named after it, so another tab can see that the run is open (navigator.locks.query) and never
 * resumes it under the first tab's feet: two tabs training one run would overwrite each other's checkpoints.
 */
const lockName = (id: string) => `gpt-dojo-run:${id}`;

function session(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage off: the tab just forgets
  }
}

/** This tab's current run, else the browser's last run (a new tab offers the run the browser was on). */
export function currentRunOfTab(key: string): { id: string | null; fromThisTab: boolean } {
  const own = session()?.getItem(key) ?? null;
  if (own) return { id: own, fromThisTab: true };
  return { id: loadJSON<string | null>(key, null), fromThisTab: false };
}

export function setCurrentRunOfTab(key: string, id: string | null): void {
  try {
    if (id) session()?.setItem(key, id);
    else session()?.removeItem(key);
  } catch {
    /* forgetting is better than crashing */
  }
  saveJSON(key, id);
}

let held: { id: string; release: () => void } | null = null;

/** Holds the lock of `id` (releasing the one held before); null releases. Returns false if another tab holds it. */
export async function holdRunLock(id: string | null): Promise<boolean> {
  if (held?.id === id) return true;
  held?.release();
  held = null;
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (!id || !locks) return true;
  let release = () => undefined as void;
  const released = new Promise<void>((r) => (release = r));
  const entry = { id, release };
  held = entry;
  return new Promise<boolean>((resolve) => {
    void locks
      .request(lockName(id), { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        if (lock === null && held === entry) held = null;
        return lock ? released : undefined;
      })
      .catch(() => resolve(true));
  });
}

/** The run ids whose lock another tab holds. */
export async function runsOpenElsewhere(): Promise<Set<string>> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (!locks) return new Set();
  try {
    const { held: all = [] } = await locks.query();
    const ids = all.map((l) => l.name ?? "").filter((n) => n.startsWith("gpt-dojo-run:")).map((n) => n.slice("gpt-dojo-run:".length));
    return new Set(ids.filter((id) => id !== held?.id));
  } catch {
    return new Set();
  }
}
