import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import type { PropValues, WidgetName } from "./widgetSpecs";

/** Props every widget receives: its validated directive props. */
export interface WidgetProps<P extends PropValues = PropValues> {
  props: P;
}

type Loader = () => Promise<{ default: ComponentType<WidgetProps> }>;

/**
 * One lazy import per widget: a lesson downloads a widget's code (and TF.js, if the widget needs it)
 * only when the lesson uses that widget.
 */
const loaders: Record<WidgetName, Loader> = {
  "matmul-demo": () => import("../widgets/matmul-demo/MatmulDemo"),
  "shape-lab": () => import("../widgets/shape-lab/ShapeLab"),
  "broadcast-animator": () => import("../widgets/broadcast-animator/BroadcastAnimator"),
  "gpt-lab": () => import("../widgets/gpt-lab/GptLab"),
  "graph-stepper": () => import("../widgets/graph-stepper/GraphStepper"),
  "framework-check": () => import("../widgets/framework-check/FrameworkCheck"),
  "bpe-stepper": () => import("../widgets/bpe-stepper/BpeStepper"),
  "tokenizer-compare": () => import("../widgets/tokenizer-compare/TokenizerCompare"),
};

/** The lazy components, made once at module load so each keeps its identity across renders. */
export const lazyWidgets = Object.fromEntries(Object.entries(loaders).map(([name, load]) => [name, lazy(load)])) as Record<
  WidgetName,
  LazyExoticComponent<ComponentType<WidgetProps>>
>;
