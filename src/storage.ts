/**
 * localStorage that never throws: storage can be disabled (private windows, file://, quota full), and the
 * course must still work then, only without remembering anything.
 */
export function loadJSON<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function saveJSON(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* see above: forgetting is better than crashing */
  }
}
