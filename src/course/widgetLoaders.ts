import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import type { WidgetName, WidgetProps } from "./widgetSpecs";

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
  "attention-matrix": () => import("../widgets/attention-matrix/AttentionMatrix"),
  "bigram-heatmap": () => import("../widgets/bigram-heatmap/BigramHeatmap"),
  "neural-bigram": () => import("../widgets/neural-bigram/NeuralBigram"),
  "scaling-histogram": () => import("../widgets/scaling-histogram/ScalingHistogram"),
  "kv-heads": () => import("../widgets/kv-heads/KVHeads"),
  "embedding-map": () => import("../widgets/embedding-map/EmbeddingMap"),
  "position-lab": () => import("../widgets/position-lab/PositionLab"),
  "data-loader-view": () => import("../widgets/data-loader-view/DataLoaderView"),
  "lr-schedule": () => import("../widgets/lr-schedule/LRSchedule"),
  "chinchilla": () => import("../widgets/chinchilla/Chinchilla"),
  "sampling-panel": () => import("../widgets/sampling-panel/SamplingPanel"),
  "beam-tree": () => import("../widgets/beam-tree/BeamTree"),
  "kv-cache-race": () => import("../widgets/kv-cache-race/KVCacheRace"),
  "gpt-anatomy": () => import("../widgets/gpt-anatomy/GptAnatomy"),
  "build-ladder": () => import("../widgets/build-ladder/BuildLadder"),
  "param-counter": () => import("../widgets/param-counter/ParamCounter"),
  "block-inspector": () => import("../widgets/block-inspector/BlockInspector"),
};

/** The lazy components, made once at module load so each keeps its identity across renders. */
export const lazyWidgets = Object.fromEntries(Object.entries(loaders).map(([name, load]) => [name, lazy(load)])) as Record<
  WidgetName,
  LazyExoticComponent<ComponentType<WidgetProps>>
>;
