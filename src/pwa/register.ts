/**
 * The page's side of the service worker: registers it (vite-plugin-pwa's registerSW, prompt mode), and keeps a
 * tiny store of what the update prompt and the device page show: a new version waiting, offline ready, an error.
 * In development (`npm start`) registerSW does nothing and no worker is installed.
 */
import { useSyncExternalStore } from "react";
import { registerSW } from "virtual:pwa-register";
import type { PrecacheReport } from "./precacheStatus";

export interface PwaState {
  /** service workers exist in this browser (not: blocked, http:, some private windows) */
  supported: boolean;
  registration?: ServiceWorkerRegistration;
  /** a new version is installed and waiting for "Reload" */
  needRefresh: boolean;
  /** the precache just completed for the first time (the toast) */
  offlineReady: boolean;
  error?: string;
}

const supported = typeof navigator !== "undefined" && "serviceWorker" in navigator;
let state: PwaState = { supported, needRefresh: false, offlineReady: false };
const listeners = new Set<() => void>();
function set(patch: Partial<PwaState>) {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function usePwaState(): PwaState {
  return useSyncExternalStore(subscribe, () => state);
}

let update: ((reload?: boolean) => Promise<void>) | null = null;
/** The waiting worker the reader said "Later" to: workbox-window may announce the same one twice (an update
 * found more than a minute after registering counts as "external" and is announced on install and on waiting). */
let dismissed: ServiceWorker | null = null;

/** Registers the service worker once (the update prompt calls it when the app mounts). */
export function startPwa(): void {
  if (update || !supported) return;
  update = registerSW({
    immediate: true,
    onNeedRefresh: () => {
      const waiting = state.registration?.waiting ?? null;
      if (!waiting || waiting !== dismissed) set({ needRefresh: true });
    },
    onOfflineReady: () => set({ offlineReady: true }),
    onRegisteredSW: (_url, registration) => set({ registration }),
    onRegisterError: (e: unknown) => set({ error: e instanceof Error ? e.message : String(e) }),
  });
}

/** "Reload": the waiting version takes over and the page reloads into it. */
export function applyUpdate(): void {
  void update?.(true);
}

export function dismissUpdate(): void {
  dismissed = state.registration?.waiting ?? null;
  set({ needRefresh: false });
}

export function dismissOfflineReady(): void {
  set({ offlineReady: false });
}

/** The registration, even if this store did not make it (e.g. registered by an earlier load). */
export async function currentRegistration(): Promise<ServiceWorkerRegistration | undefined> {
  if (!supported) return undefined;
  return state.registration ?? (await navigator.serviceWorker.getRegistration()) ?? undefined;
}

/** Asks the active service worker which precached files are in the cache (sw.ts answers). */
export async function askPrecacheReport(timeoutMs = 15_000): Promise<PrecacheReport> {
  const reg = await currentRegistration();
  const worker = navigator.serviceWorker?.controller ?? reg?.active;
  if (!worker) throw new Error("No active service worker to ask.");
  return new Promise<PrecacheReport>((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error(`The service worker did not answer within ${timeoutMs / 1000} s.`)), timeoutMs);
    channel.port1.onmessage = (e: MessageEvent<{ ok: boolean; report?: PrecacheReport; error?: string }>) => {
      clearTimeout(timer);
      if (e.data.ok && e.data.report) resolve(e.data.report);
      else reject(new Error(e.data.error ?? "The service worker sent no report."));
    };
    worker.postMessage({ type: "GPT_DOJO_PRECACHE_STATUS" }, [channel.port2]);
  });
}
