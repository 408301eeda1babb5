/**
 * How complete the offline copy is: pure counting and formatting, shared by the service worker (sw.ts, which
 * counts) and the device page (which says it in words). Tested in tests/pwa-status.test.ts.
 */

/** One precached file as the build lists it: its URL (relative to the site) and its size in bytes. */
export interface PrecacheEntry {
  url: string;
  bytes?: number;
}

export interface PrecacheReport {
  total: number; // files the build precaches
  cached: number; // of those, in the cache now
  totalBytes: number;
  cachedBytes: number;
  /** up to 5 missing URLs, in manifest order, to name in a message */
  missing: string[];
}

/**
 * Counts the manifest's files that are present. Example: entries a (100 B), b (250 B), c (50 B) with a and c
 * present → { total: 3, cached: 2, totalBytes: 400, cachedBytes: 150, missing: ["b"] }.
 */
export function summarisePrecache(entries: readonly PrecacheEntry[], present: ReadonlySet<string>): PrecacheReport {
  const report: PrecacheReport = { total: 0, cached: 0, totalBytes: 0, cachedBytes: 0, missing: [] };
  for (const e of entries) {
    const bytes = e.bytes ?? 0;
    report.total++;
    report.totalBytes += bytes;
    if (present.has(e.url)) {
      report.cached++;
      report.cachedBytes += bytes;
    } else if (report.missing.length < 5) report.missing.push(e.url);
  }
  return report;
}

/**
 * Bytes as people read them, in decimal units (as file managers show them), to 3 significant digits at most, with a
 * no-break space before the unit (shown here as a space):
 * 0 → "0 B", 999 → "999 B", 1,536 → "1.54 kB", 48,213,000 → "48.2 MB", 312,000,000 → "312 MB", 2.5e9 → "2.5 GB".
 * `locale` picks the decimal mark.
 */
export function formatBytes(bytes: number, locale = "en"): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new Error(`formatBytes needs a size of 0 bytes or more, got ${bytes}.`);
  const units = ["B", "kB", "MB", "GB", "TB"];
  let i = 0;
  let v = bytes;
  while (v >= 999.5 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const n = i === 0 ? Math.round(v) : Number(v.toPrecision(3));
  return `${n.toLocaleString(locale, { maximumFractionDigits: 2 })}\u00a0${units[i]}`; // a no-break space: "36 MB" never splits
}

export type OfflineVerdict =
  | { kind: "unsupported" } // no service workers here (an old browser, a private window in some browsers, plain http)
  | { kind: "failed"; error: string } // registration failed
  | { kind: "installing" } // registered, still downloading the files
  | { kind: "notControlling" } // installed, but this page was loaded without it (a hard reload): reload once
  | { kind: "incomplete"; report: PrecacheReport } // controlling, but files are missing from the cache
  | { kind: "ready"; report: PrecacheReport };

/**
 * Whether this page would load and run offline, from what the browser says: the service worker's state, whether
 * it controls this page, and the precache report. Ready needs all three: active, controlling, every file cached.
 */
export function offlineVerdict(o: { supported: boolean; error?: string; active: boolean; controlling: boolean; report?: PrecacheReport | null }): OfflineVerdict {
  if (!o.supported) return { kind: "unsupported" };
  if (o.error) return { kind: "failed", error: o.error };
  if (!o.active) return { kind: "installing" };
  if (!o.controlling) return { kind: "notControlling" };
  if (!o.report) return { kind: "installing" };
  if (o.report.total === 0 || o.report.cached < o.report.total) return { kind: "incomplete", report: o.report };
  return { kind: "ready", report: o.report };
}

/** The median of a few step times (the first, warm-up step left out by the caller). Example: [90, 120, 100] → 100. */
export function medianMs(times: readonly number[]): number {
  if (times.length === 0) throw new Error("medianMs needs at least one step time, got none.");
  const s = [...times].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
