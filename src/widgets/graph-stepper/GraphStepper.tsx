import { useEffect, useMemo, useRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../../course/widgetSpecs";
import { useUrlState } from "../../hooks/useUrlState";
import { formatValues } from "../../core/autograd/expr";
import { reduce, replay, type Action, type Progress, type Snapshot } from "./graph";
import { GraphView } from "./GraphView";
import { LeafTable, StepExplanation } from "./Panels";
import { presetChoices, resolveSource, type PresetChoice } from "./presets";
import { SourceFields } from "./SourceFields";
import { useExprError } from "./useExprError";

/** Backpropagation on a drawn graph: forward, backward one node at a time, zero-grad, or forget to. */
export default function GraphStepper({ props }: WidgetProps) {
  const { t } = useTranslation();
  const schema = useMemo(
    () =>
      ({
        preset: { type: "enum", default: String(props.expr ? "custom" : props.preset), values: presetChoices },
        expr: { type: "string", default: String(props.expr), maxLength: 200 },
        vals: { type: "string", default: String(props.values), maxLength: 300 },
        fwd: { type: "boolean", default: false },
        passes: { type: "number", default: 0, min: 0, max: 99, integer: true },
        step: { type: "number", default: 0, min: 0, max: 99, integer: true },
        forget: { type: "boolean", default: false },
      }) as const,
    [props.preset, props.expr, props.values],
  );
  const [s, update, reset] = useUrlState(String(props.id), schema);
  const source = resolveSource(s.preset, s.expr, s.vals);
  const progress: Progress = { forwarded: s.fwd, passes: s.passes, step: s.step };
  const describe = useExprError();
  const scroller = useRef<HTMLDivElement>(null);

  // On a phone the graph scrolls sideways: bring the node whose rule just ran into view.
  useEffect(() => {
    const box = scroller.current, node = box?.querySelector(".gs-node.current");
    if (!box || !node) return;
    const b = box.getBoundingClientRect(), r = node.getBoundingClientRect();
    if (r.left < b.left || r.right > b.right) box.scrollLeft += r.left - b.left - (b.width - r.width) / 2;
  }, [s.step, s.fwd, s.passes]);

  let snap: Snapshot | null = null, error = "";
  try {
    snap = replay(source.expr, source.values, source.names, progress);
  } catch (e) {
    error = describe(e);
  }

  const act = (a: Action) => {
    if (!snap) return;
    const p = reduce(snap.progress, a, snap.steps, s.forget);
    update({ fwd: p.forwarded, passes: p.passes, step: p.step });
  };
  // Any change of the expression or a value is a fresh forward pass with zero grads.
  const fresh = { fwd: true, passes: 0, step: 0 };
  const setExpr = (expr: string) => update({ ...fresh, preset: "custom", expr, vals: source.values });
  const setValues = (vals: string) => update({ ...fresh, vals, ...(s.preset === "custom" ? { expr: source.expr } : {}) });
  // "custom" starts from the expression on screen; a preset starts from its own values.
  const choosePreset = (preset: PresetChoice) =>
    update({ ...fresh, preset, ...(preset === "custom" ? { expr: source.expr, vals: source.values } : { expr: "", vals: "" }) });
  const onKeyDown = (e: KeyboardEvent) => {
    const tag = (e.target as HTMLElement).tagName;
    if (e.key === "ArrowRight" && !["INPUT", "SELECT", "TEXTAREA"].includes(tag)) {
      e.preventDefault();
      act("step");
    }
  };

  const p = snap?.progress;
  const midPass = !!p && p.forwarded && p.step > 0 && p.step < snap!.steps;
  const done = !!p && p.forwarded && p.step === snap!.steps;
  const accumulated = p ? p.passes + (done ? 1 : 0) : 0;
  return (
    <figure className="widget graph-stepper" data-testid="graph-stepper" data-id={String(props.id)} onKeyDown={onKeyDown}>
      <figcaption>{t("graphStepper.title")}</figcaption>
      <SourceFields preset={s.preset} expr={source.expr} values={source.values} onPreset={choosePreset} onExpr={setExpr} onValues={setValues} testId="gs" />
      {error && (
        <p className="gs-error" role="alert" data-testid="gs-error">
          {error}
        </p>
      )}
      {snap && (
        <>
          <div className="gs-scroll" ref={scroller} tabIndex={0} role="group" aria-label={t("graphStepper.keyHint")}>
            <GraphView snap={snap} label={t("graphStepper.graphLabel", { expr: source.expr })} />
          </div>
          <div className="gs-buttons">
            <button onClick={() => act("forward")} disabled={midPass} data-testid="gs-forward">
              {t("graphStepper.forward")}
            </button>
            <button onClick={() => act("step")} disabled={done} data-testid="gs-step" aria-keyshortcuts="ArrowRight">
              {t("graphStepper.step")}
            </button>
            <button onClick={() => act("all")} disabled={done} data-testid="gs-all">
              {t("graphStepper.all")}
            </button>
            <button onClick={() => act("zero")} data-testid="gs-zero">
              {t("graphStepper.zero")}
            </button>
            <label data-field="forget" className="gs-forget">
              <input type="checkbox" checked={s.forget} onChange={(e) => update({ forget: e.target.checked })} data-testid="gs-forget" /> {t("graphStepper.forget")}
            </label>
            <button onClick={reset} data-testid="gs-reset">
              {t("widget.reset")}
            </button>
          </div>
          <StepExplanation snap={snap} />
          {accumulated > 1 && (
            <p className="notice" data-testid="gs-accumulated">
              {t("graphStepper.accumulated", { count: accumulated })}
            </p>
          )}
          <LeafTable snap={snap} onChange={(name, x) => setValues(formatValues({ ...snap!.values, [name]: x }))} />
        </>
      )}
    </figure>
  );
}
