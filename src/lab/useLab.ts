import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTrainer } from "../hooks/useTrainer";
import { useUrlState } from "../hooks/useUrlState";
import { labBackend } from "../device/backendMeasure";
import { useTranslation } from "react-i18next";
import type { Backend } from "../core/backend";
import type { FaultKind, Request } from "../workers/protocol";
import { labSchema, trainFields, type LabSettings } from "./settings";
import { readTextFile, TextInputError } from "./textInput";
import { deleteRun as deleteStoredRun, listRuns, loadRun, saveCheckpoint, saveRun, type StoredRun } from "./store";
import { initialLabState, isTraining, loadRefusal, reduce, type Effect, type InitEffect, type LabEvent, type LabState } from "./machine";
import { checkCheckpointHeader } from "../workers/checkpointGuard";
import { currentRunOfTab, holdRunLock, runsOpenElsewhere, setCurrentRunOfTab } from "./tabRuns";
import { badLinkValues, memoryProblem } from "./settings";
import { rememberError } from "./messageText";
import { DojoError } from "../core/errors";
import { labErrorEn } from "../i18n/lessons/labErrors";

async function corpusText(s: LabSettings, own: { name: string; text: string } | null): Promise<{ name: string; text: string }> {
  if (s.corpus === "own") {
    if (!own || !own.text) throw new TextInputError("empty", "textEmpty");
    if (!own.text.trim()) throw new TextInputError("empty", "textWhitespace");
    return own;
  }
  const res = await fetch(`corpora/${s.corpus}.txt`);
  if (!res.ok) {
    const values = { corpus: s.corpus, status: res.status };
    throw new DojoError("corpusHttp", values, labErrorEn("corpusHttp", values));
  }
  return { name: s.corpus, text: await res.text() };
}

export type OwnText = { name: string; text: string };

/** A stored run as the runs table shows it: `openElsewhere` when another tab of this browser has it open. */
export type ListedRun = StoredRun & { openElsewhere?: boolean };

/**
 * The lab's owner of everything that is not drawing: the settings (in the URL), the worker, the state machine
 * (machine.ts) and its effects, IndexedDB persistence and the keyboard. Lab.tsx lays out what this returns.
 */
export function useLab(prefix: string, schema: typeof labSchema, embedded: boolean) {
  const CURRENT_RUN = `gpt-dojo:${prefix}-run`;
  const { t } = useTranslation();
  const [s, update] = useUrlState(prefix, schema);
  const [elsewhere, setElsewhere] = useState<Set<string>>(new Set());
  const [own, setOwn] = useState<OwnText | null>(null);
  const [reading, setReading] = useState<number | null>(null);
  const [resumable, setResumable] = useState<StoredRun | null>(null);
  const [runs, setRuns] = useState<StoredRun[]>([]);
  const [lab, setLab] = useState<LabState>(initialLabState);
  const labRef = useRef(lab);
  const startedAt = useRef(0);
  const latest = useRef({ s, own });
  useEffect(() => {
    latest.current = { s, own };
  });

  const refreshRuns = useCallback(() => {
    void listRuns().then(setRuns).catch(() => setRuns([]));
    void runsOpenElsewhere().then(setElsewhere);
  }, []);

  // dispatch: the reducer decides, then its effects run (the one place where the lab's state changes)
  const runEffects = useRef<(effects: Effect[]) => void>(() => undefined);
  const dispatch = useCallback((e: LabEvent) => {
    const { state, effects } = reduce(labRef.current, e);
    labRef.current = state;
    setLab(state);
    runEffects.current(effects);
  }, []);

  const trainer = useTrainer((reply) => {
    if ((reply.type === "error" || reply.type === "fault") && reply.code) rememberError(reply); // shown in the reader's language
    dispatch({ type: "reply", reply, autosaveEvery: latest.current.s.autosaveEvery });
  });
  const { send, listen, restart, mode } = trainer;

  const persist = useCallback(
    async (checkpoint?: { iter: number; bytes: Uint8Array }) => {
      const { runId, run: state } = labRef.current;
      if (!runId) return;
      const { s: settings, own: text } = latest.current;
      const run: StoredRun = {
        id: runId,
        createdAt: Number(runId.split("-")[1]) || Date.now(),
        updatedAt: Date.now(),
        settings,
        ownText: settings.corpus === "own" ? (text ?? undefined) : undefined,
        state: { ...state },
        checkpointIter: labRef.current.saved ?? undefined, // a save without a checkpoint keeps the stored one's step
        trainSeconds: startedAt.current ? (Date.now() - startedAt.current) / 1000 : 0,
      };
      await saveRun(run);
      if (checkpoint) await saveCheckpoint(runId, checkpoint.iter, checkpoint.bytes);
    },
    [],
  );

  const init = useCallback(
    async ({ checkpoint, restoreRun, recovery, thenTrain }: InitEffect) => {
      const settings = restoreRun?.settings ?? latest.current.s;
      try {
        const corpus = await corpusText(settings, restoreRun?.ownText ?? latest.current.own);
        // the own text's real vocabulary can make a model too large that the form could not judge without it
        const tooLarge = !checkpoint && settings.corpus === "own" ? memoryProblem(settings, corpus.text) : null;
        if (tooLarge) return dispatch({ type: "initFailed", message: { key: "labState.tooLarge", values: { gb: tooLarge.gb.toLocaleString("en-US"), limit: tooLarge.limitGb } } });
        const id = restoreRun?.id ?? recovery?.runId ?? `run-${Date.now()}`;
        dispatch({ type: "started", runId: id });
        if (!recovery) startedAt.current = Date.now();
        // ?backend= (forced), else the learner's override or this device's measured fastest (tried first)
        const choice: { forced?: Backend; preferred?: Backend } = recovery ? { forced: recovery.backend } : await labBackend();
        const req: Request = {
          type: "init",
          text: corpus.text,
          tokenizer: settings.tokenizer === "bpe" ? { kind: "bpe", vocabSize: settings.bpeVocab } : { kind: settings.tokenizer },
          model: { nLayer: settings.nLayer, nHead: settings.nHead, nEmbd: settings.nEmbd, blockSize: settings.blockSize, dropout: settings.dropout, bias: settings.bias },
          train: Object.fromEntries(trainFields.map((k) => [k, settings[k]])) as never,
          sampleEvery: settings.sampleEvery,
          backend: choice.forced,
          preferBackend: choice.preferred,
          checkpoint,
        };
        send(req, checkpoint ? [checkpoint.buffer as ArrayBuffer] : undefined);
        if (thenTrain) send({ type: "train" });
      } catch (e) {
        dispatch({ type: "initFailed", message: { text: rememberError(e) } });
      }
    },
    [dispatch, send],
  );

  useEffect(() => {
    runEffects.current = (effects) => {
      for (const ef of effects) {
        switch (ef.type) {
          case "send":
            send(ef.req);
            break;
          case "init":
            void init(ef);
            break;
          case "restartWorker":
            void restart();
            break;
          case "persist":
            void persist(ef.checkpoint).then(
              () => {
                dispatch({ type: "persisted", iter: ef.checkpoint?.iter });
                refreshRuns();
              },
              (e: Error) => dispatch({ type: "storageFailed", message: rememberError(e) }),
            );
            break;
          case "download": {
            const url = URL.createObjectURL(new Blob([ef.checkpoint.bytes as BlobPart], { type: "application/octet-stream" }));
            const a = Object.assign(document.createElement("a"), { href: url, download: `gpt-dojo-step${ef.checkpoint.iter}.safetensors` });
            a.click();
            setTimeout(() => URL.revokeObjectURL(url), 1000);
            break;
          }
          case "forgetCurrentRun":
            setCurrentRunOfTab(CURRENT_RUN, null);
            break;
        }
      }
    };
  });

  // On load: offer to resume the run this tab was on (after a reload or a crash), unless another tab has it open;
  // list past runs, and keep watching which of them other tabs have open.
  useEffect(() => {
    const { id } = currentRunOfTab(CURRENT_RUN);
    if (id)
      void runsOpenElsewhere()
        .then((open) => (open.has(id) ? undefined : loadRun(id)))
        .then((r) => r?.checkpoint && setResumable(r.run))
        .catch(() => undefined);
    refreshRuns();
    const timer = setInterval(() => void runsOpenElsewhere().then(setElsewhere), 3000);
    return () => clearInterval(timer);
  }, [refreshRuns, CURRENT_RUN]);

  // this tab's current run: remembered for a reload, and locked so other tabs see it is open here
  useEffect(() => {
    if (lab.runId) setCurrentRunOfTab(CURRENT_RUN, lab.runId);
    void holdRunLock(lab.runId);
  }, [lab.runId, CURRENT_RUN]);
  useEffect(() => () => void holdRunLock(null), []);

  // Bad values in the link (lab.nLayer=0, lab.seed=abc) were replaced by defaults: say which, and clean the link.
  useEffect(() => {
    const hash = location.hash;
    const bad = badLinkValues(schema, new URLSearchParams(hash.slice(hash.indexOf("?") + 1)), prefix);
    if (hash.indexOf("?") < 0 || bad.length === 0) return;
    update({}); // rewrites the link from the settings in force
    const values = bad.map((b) => t("labState.urlValue", b)).join(", ");
    dispatch({ type: "notice", message: { key: "labState.urlNotice", values: { values } } });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the link the page was opened with
  }, []);

  const trainSettings = useCallback(() => Object.fromEntries(trainFields.map((k) => [k, latest.current.s[k]])) as never, []);
  const actions = useMemo(
    () => ({
      build: () => dispatch({ type: "build" }),
      trainOrPause: () => dispatch({ type: "trainOrPause", train: trainSettings() }),
      step: () => dispatch({ type: "step", train: trainSettings() }),
      reset: () => dispatch({ type: "reset" }),
      download: () => dispatch({ type: "download" }),
      dismissFault: () => dispatch({ type: "dismissFault" }),
      startFresh: () => setResumable(null),
      deleteRun: (id: string) => void deleteStoredRun(id).then(refreshRuns),
      setOwnText: (text: string, name: string) => setOwn({ name, text }),
      resume: async (run: StoredRun) => {
        if (isTraining(labRef.current) || labRef.current.run.status === "preparing") return; // Open is disabled then
        if ((await runsOpenElsewhere()).has(run.id)) return dispatch({ type: "inputError", message: { key: "labState.openElsewhereHint" } });
        const loaded = await loadRun(run.id);
        if (!loaded?.checkpoint) return dispatch({ type: "inputError", message: { key: "labUi.noCheckpoint" } });
        update(run.settings);
        setResumable(null);
        if (run.ownText) setOwn(run.ownText);
        dispatch({ type: "resume", run, checkpoint: loaded.checkpoint });
      },
      readFile: async (file: File) => {
        dispatch({ type: "inputError", message: null });
        setReading(0);
        try {
          const text = await readTextFile(file, setReading);
          setOwn({ name: file.name, text });
          update({ corpus: "own" });
        } catch (e) {
          dispatch({ type: "inputError", message: { text: rememberError(e) } });
        } finally {
          setReading(null);
        }
      },
      loadCheckpoint: async (file: File) => {
        dispatch({ type: "inputError", message: null });
        const refused = loadRefusal(labRef.current, file.name);
        if (refused) return dispatch({ type: "inputError", message: refused });
        const bytes = new Uint8Array(await file.arrayBuffer());
        try {
          // the header only: a config the lab cannot build, or a file too small for its weights, is refused before
          // anything is decoded or allocated (the worker decodes it)
          const { config: c, step } = checkCheckpointHeader(bytes);
          update({ preset: "custom", nLayer: c.nLayer, nHead: c.nHead, nEmbd: c.nEmbd, blockSize: c.blockSize, dropout: c.dropout, bias: c.bias });
          dispatch({ type: "load", name: file.name, bytes, step: step ?? 0 });
        } catch (e) {
          dispatch({ type: "inputError", message: { key: "labErrors.inFile", values: { name: file.name, message: rememberError(e) } } });
        }
      },
    }),
    [dispatch, trainSettings, refreshRuns, update],
  );

  // Keyboard: T train/pause, S step, R reset (not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return;
      if (e.key === "t") actions.trainOrPause();
      else if (e.key === "s") actions.step();
      else if (e.key === "r") actions.reset();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [actions]);

  // the recovery paths can be exercised from the console or a test: gptDojoLab.simulateFault("crash" | "backendLost")
  useEffect(() => {
    if (embedded) return;
    const w = window as unknown as { gptDojoLab?: { simulateFault(f: FaultKind): void } };
    w.gptDojoLab = { simulateFault: (fault) => send({ type: "simulateFault", fault }) };
    return () => void delete w.gptDojoLab;
  }, [embedded, send]);

  const listed: ListedRun[] = useMemo(() => runs.map((r) => (elsewhere.has(r.id) ? { ...r, openElsewhere: true } : r)), [runs, elsewhere]);
  // once a run has started in this tab, the offer to resume another is stale
  return { s, update, own, reading, lab, runs: listed, resumable: lab.runId ? null : resumable, actions, send, listen, mode };
}
