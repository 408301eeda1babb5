import { useEffect, useState } from "react";
import { loadCheckpoint, tokenizerFromSpec, disposeModel, type GPTModel, type Tokenizer, type TokenizerSpec } from "../../core";
import { loadRuntime } from "../../device/backendStore";
import { listRuns, loadRun } from "../../lab/store";
import { rememberError } from "../../lab/messageText";

/**
 * The model a lesson widget shows: the course's pretrained tiny model (public/models/moby-char.safetensors,
 * made by scripts/pretrain.ts) or a model the learner trained in the lab (its latest autosaved checkpoint).
 * Models are cached for the page's lifetime, so every widget on a page shares one copy; nothing here is
 * disposed by a widget.
 */
export interface DemoModel {
  model: GPTModel;
  tokenizer: Tokenizer;
  /** "pretrained" or the lab run's id */
  source: string;
  /** the corpus it was trained on ("moby-dick" for the pretrained model) */
  corpus: string;
  step?: number;
  /** the pretrained model's recorded validation loss */
  val?: number;
}

/** The facts scripts/pretrain.ts writes beside the weights (public/models/moby-char.json). */
export interface PretrainedCard {
  parameters: number;
  steps: number;
  model: GPTModel["config"];
  evaluation: { train: number; val: number };
}

export const PRETRAINED = "pretrained";
const base = () => import.meta.env.BASE_URL ?? "/";

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load ${url}: the server answered ${res.status}. Reload the page; if it persists, rebuild the site (npm run build).`);
  return new Uint8Array(await res.arrayBuffer());
}

export async function loadPretrainedCard(): Promise<PretrainedCard> {
  const res = await fetch(`${base()}models/moby-char.json`);
  if (!res.ok) throw new Error(`Could not load models/moby-char.json: the server answered ${res.status}.`);
  return (await res.json()) as PretrainedCard;
}

async function build(bytes: Uint8Array, source: string, corpus: string, val?: number): Promise<DemoModel> {
  await loadRuntime(); // the backend is chosen before the first tensor
  const loaded = await loadCheckpoint(bytes);
  if (!loaded.meta.tokenizer) {
    disposeModel(loaded);
    throw new Error("This checkpoint has no tokenizer in its metadata, so its token ids cannot be turned into text. Train it in the lab, which saves one.");
  }
  const tokenizer = await tokenizerFromSpec(loaded.meta.tokenizer as TokenizerSpec);
  return { model: loaded, tokenizer, source, corpus, step: loaded.meta.step, val };
}

const cache = new Map<string, Promise<DemoModel>>();

/** The pretrained model, loaded once per page. */
export function loadPretrained(): Promise<DemoModel> {
  return cached(PRETRAINED, async () => {
    const [bytes, card] = await Promise.all([fetchBytes(`${base()}models/moby-char.safetensors`), loadPretrainedCard()]);
    return build(bytes, PRETRAINED, "moby-dick", card.evaluation.val);
  });
}

/** A lab run's latest checkpoint as a demo model. */
export function loadLabModel(runId: string): Promise<DemoModel> {
  return cached(runId, async () => {
    const found = await loadRun(runId);
    if (!found?.checkpoint) throw new Error(`The lab run ${runId} has no saved checkpoint yet: train it for a few steps (it autosaves) and come back.`);
    return build(found.checkpoint, runId, found.run.settings.corpus);
  });
}

function cached(key: string, make: () => Promise<DemoModel>): Promise<DemoModel> {
  let p = cache.get(key);
  if (!p) {
    p = make();
    p.catch(() => cache.delete(key)); // a failure can be retried
    cache.set(key, p);
  }
  return p;
}

/** Lab runs that have a checkpoint a widget can load, newest first. */
export async function listLabModels(): Promise<{ id: string; corpus: string; step: number }[]> {
  try {
    const runs = await listRuns();
    return runs.filter((r) => r.checkpointIter !== undefined).map((r) => ({ id: r.id, corpus: r.settings.corpus, step: r.checkpointIter! }));
  } catch {
    return []; // no IndexedDB (private mode): only the pretrained model
  }
}

export type DemoModelState = { status: "loading" } | { status: "ready"; demo: DemoModel } | { status: "error"; error: string };

/** The demo model for `source` ("pretrained" or a lab run id), as React state. */
export function useDemoModel(source: string): DemoModelState {
  const [state, setState] = useState<{ source: string; state: DemoModelState } | null>(null);
  useEffect(() => {
    let live = true;
    (source === PRETRAINED ? loadPretrained() : loadLabModel(source)).then(
      (demo) => live && setState({ source, state: { status: "ready", demo } }),
      (e: Error) => live && setState({ source, state: { status: "error", error: rememberError(e) } }), // shown with errorText
    );
    return () => {
      live = false;
    };
  }, [source]);
  return state && state.source === source ? state.state : LOADING; // a new source shows loading until it arrives
}

/** One object, so a widget that puts the state in an effect's dependencies does not re-run it every render. */
const LOADING: DemoModelState = { status: "loading" };
