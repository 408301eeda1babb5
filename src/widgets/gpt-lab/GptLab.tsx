import { useMemo } from "react";
import type { WidgetProps } from "../../course/widgetSpecs";
import { Lab } from "../../lab/Lab";
import { labSchema, type LabSettings } from "../../lab/settings";
import { presetValues } from "../../lab/presets";
import { lessonLabSchema } from "./schema";

/**
 * The lab inside a lesson: `::gpt-lab{preset=projector corpus=first-names maxIters=300 hide="preset,nLayer"}`.
 * The directive's values become the defaults (a Reset returns to them) and `hide` locks those controls.
 *
 * `hide` is the same URL key as a hand-out link's (`<id>.hide=a,b`, src/course/hideLock.ts): the directive's value
 * is only its default, so a link's `<id>.hide` replaces it, and the lab leaves those controls out (it does not
 * render them at all, where other widgets' marked controls get `hidden`). The lab's settings carry data-field marks
 * (src/lab/LabSettingsPanel.tsx: each number field, the corpus, the tokenizer and the preset), so the hand-out
 * dialog lists them and `<id>.lock` makes them inert like any widget's.
 */
export default function GptLab({ props }: WidgetProps) {
  const schema = useMemo(() => {
    const preset = String(props.preset) as LabSettings["preset"];
    return lessonLabSchema(labSchema, {
      ...presetValues(preset),
      preset,
      corpus: String(props.corpus) as LabSettings["corpus"],
      tokenizer: String(props.tokenizer) as LabSettings["tokenizer"],
      maxIters: Number(props.maxIters),
      lrDecayIters: Number(props.maxIters),
      evalInterval: Math.max(1, Math.round(Number(props.maxIters) / 10)),
      hide: String(props.hide),
    });
  }, [props.preset, props.corpus, props.tokenizer, props.maxIters, props.hide]);
  return (
    <div className="widget gpt-lab" data-testid="gpt-lab">
      <Lab prefix={String(props.id)} schema={schema} embedded />
    </div>
  );
}
