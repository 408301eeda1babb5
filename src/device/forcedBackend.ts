/** ?backend= in the page query or the hash query (read without loading TF.js). */
const names = ["webgpu", "webgl", "wasm", "cpu"] as const;
export type BackendName = (typeof names)[number];

export function forcedBackend(): BackendName | undefined {
  const q = location.hash.indexOf("?");
  const value = new URLSearchParams(location.search).get("backend") ?? new URLSearchParams(q >= 0 ? location.hash.slice(q + 1) : "").get("backend");
  return (names as readonly string[]).includes(value ?? "") ? (value as BackendName) : undefined;
}
