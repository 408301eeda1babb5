import { presets } from "../core/config";
import type { LabSettings } from "./settings";

/** The lab fields a preset sets (the engine's presets, flattened onto the lab's settings). */
export function presetValues(name: LabSettings["preset"]): Partial<LabSettings> {
  if (name === "custom") return {};
  const p = presets[name];
  return { ...p.model, ...p.train } as Partial<LabSettings>;
}

/** Published results a preset can be compared with (shown as a reference line on the loss chart). */
export function publishedReference(s: LabSettings): { label: string; y: number } | null {
  // nanoGPT's README: the CPU run (this preset, characters) reaches a validation loss of about 1.88 on Shakespeare.
  if (s.preset === "nanogpt-cpu" && s.tokenizer === "char") return { label: "nanoGPT CPU run, Shakespeare: 1.88", y: 1.88 };
  return null;
}
