/// <reference lib="webworker" />
/**
 * GPT Dojo's service worker (built by vite-plugin-pwa, strategy injectManifest, into sw.js beside index.html).
 * It precaches every file the course needs offline (the list the build injects as self.__WB_MANIFEST: the
 * app's JS/CSS/HTML, the lessons, the pretrained model, the corpora, the tokenizer ranks, the TF.js and Pyodide
 * WebAssembly, the KaTeX fonts), serves them cache-first, and answers every page navigation with the cached
 * index.html (hash routes: one page). The cached responses keep the headers they were fetched with, COOP/COEP
 * included, so an offline page is cross-origin isolated exactly when the online one was.
 *
 * A new version waits until the page asks it to take over ("SKIP_WAITING", from the update prompt). The page can
 * ask how complete the precache is ("GPT_DOJO_PRECACHE_STATUS"); the reply is a PrecacheReport (precacheStatus.ts).
 */
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, createHandlerBoundToURL, getCacheKeyForURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { summarisePrecache, type PrecacheEntry, type PrecacheReport } from "./precacheStatus";

declare const self: ServiceWorkerGlobalScope;
type BuiltEntry = PrecacheEntry & { revision: string | null };

// the build adds `bytes` to each entry (vite.config.ts manifestTransforms); workbox needs only url and revision
// (one entry per URL: the plugin adds manifest.webmanifest itself, and a list with a file twice would count it twice)
const manifest = [...new Map((self.__WB_MANIFEST as unknown as BuiltEntry[]).map((e) => [e.url, e])).values()];
cleanupOutdatedCaches();
precacheAndRoute(manifest.map(({ url, revision }) => ({ url, revision })));
// engine-check.html is a test page that is not precached: let it go to the network
registerRoute(new NavigationRoute(createHandlerBoundToURL("index.html"), { denylist: [/engine-check\.html$/] }));
clientsClaim(); // the first install controls the page at once, so the first visit already works offline

/** Which precached files are in the cache now, with their sizes (from the build's manifest). */
async function precacheReport(): Promise<PrecacheReport> {
  const present = new Set<string>();
  const names = await caches.keys();
  const precacheName = names.find((n) => n.startsWith("workbox-precache-v2-"));
  const cache = precacheName ? await caches.open(precacheName) : null;
  if (cache) {
    const keys = new Set((await cache.keys()).map((r) => r.url));
    for (const e of manifest) {
      const key = getCacheKeyForURL(e.url);
      if (key && keys.has(key)) present.add(e.url);
    }
  }
  return summarisePrecache(manifest, present);
}

self.addEventListener("message", (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === "SKIP_WAITING") void self.skipWaiting();
  else if (type === "GPT_DOJO_PRECACHE_STATUS") {
    const port = event.ports[0];
    event.waitUntil(
      precacheReport().then(
        (report) => port?.postMessage({ ok: true, report }),
        (e: unknown) => port?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) }),
      ),
    );
  }
});
