import type { PropSpec } from "./widgetSpecs";

/**
 * Widget state in the URL, declared once as a table of fields (the TF Playground's state.ts idea), so a shared
 * link reopens a widget exactly as it was. Keys live in the hash query as `<prefix>.<field>`, e.g.
 * `#/lessons/tensors?shapelab.a=2,3,4&shapelab.op=add`. Bad or missing values fall back to the defaults.
 */
export type StateSchema = Record<string, PropSpec>;
type ValueOf<P extends PropSpec> = P extends { type: "number" } ? number : P extends { type: "boolean" } ? boolean : P extends { type: "enum"; values: readonly (infer V)[] } ? V : string;
export type StateOf<S extends StateSchema> = { [K in keyof S]: ValueOf<S[K]> };

/** Example: decodeState({ n: { type: "number", default: 2, min: 1 } }, new URLSearchParams("w.n=5"), "w") → { n: 5 } */
export function decodeState<S extends StateSchema>(schema: S, params: URLSearchParams, prefix: string): StateOf<S> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) {
    const raw = params.get(`${prefix}.${key}`);
    out[key] = raw === null ? spec.default : parseField(spec, raw);
  }
  return out as StateOf<S>;
}

function parseField(spec: PropSpec, raw: string): unknown {
  switch (spec.type) {
    case "number": {
      const x = Number(raw);
      const ok = raw.trim() !== "" && Number.isFinite(x) && (!spec.integer || Number.isInteger(x)) && (spec.min === undefined || x >= spec.min) && (spec.max === undefined || x <= spec.max);
      return ok ? x : spec.default;
    }
    case "boolean":
      return raw === "1" || raw === "true" ? true : raw === "0" || raw === "false" ? false : spec.default;
    case "enum":
      return spec.values.includes(raw) ? raw : spec.default;
    case "string":
      return spec.maxLength !== undefined && raw.length > spec.maxLength ? spec.default : raw;
  }
}

/** Writes the fields that differ from their defaults (and removes the others), keeping unrelated params. */
export function encodeState<S extends StateSchema>(schema: S, state: StateOf<S>, params: URLSearchParams, prefix: string): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, spec] of Object.entries(schema)) {
    const value = state[key];
    const name = `${prefix}.${key}`;
    if (value === spec.default || value === undefined) next.delete(name);
    else next.set(name, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
  }
  return next;
}
