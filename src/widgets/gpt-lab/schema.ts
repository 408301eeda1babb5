import type { labSchema, LabSettings } from "../../lab/settings";

/**
 * The lab's settings table with a lesson's values as the defaults.
 * Example: lessonLabSchema(labSchema, { maxIters: 300 }).maxIters.default → 300 (the rest unchanged).
 */
export function lessonLabSchema(base: typeof labSchema, values: Partial<LabSettings>): typeof labSchema {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(values)) {
    const spec = (base as Record<string, { default: unknown }>)[key];
    if (spec && value !== undefined && !(typeof value === "number" && Number.isNaN(value))) out[key] = { ...spec, default: value };
  }
  return out as typeof labSchema;
}
