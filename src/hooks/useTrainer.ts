import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { applyReply, initialRunState, type RunState } from "../lab/runState";
import { createTrainerClient, type TrainerClient } from "../workers/client";
import type { Reply, Request } from "../workers/protocol";

type Action = { type: "reply"; reply: Reply } | { type: "restore"; state: RunState } | { type: "reset" };

function reducer(s: RunState, a: Action): RunState {
  if (a.type === "reset") return initialRunState;
  if (a.type === "restore") return a.state;
  return applyReply(s, a.reply);
}

/**
 * Owns the training worker for the lab: creates it on mount, terminates it (freeing its tensors) on unmount,
 * and folds its replies into a RunState. Replies the reducer ignores (tokens, checkpoints) go to `listen`ers.
 */
export function useTrainer() {
  const [state, dispatch] = useReducer(reducer, initialRunState);
  const client = useRef<TrainerClient | null>(null);
  const alive = useRef(true);
  const listeners = useRef(new Set<(r: Reply) => void>());
  const [mode, setMode] = useState<TrainerClient["mode"] | null>(null);

  /** A new client in place of the current one (terminated first, which frees its tensors). */
  const generation = useRef(0);
  const start = useCallback(async () => {
    const gen = ++generation.current;
    client.current?.dispose();
    client.current = null;
    const made = await createTrainerClient((reply) => {
      if (!alive.current) return;
      dispatch({ type: "reply", reply });
      listeners.current.forEach((l) => l(reply));
    });
    if (!alive.current || gen !== generation.current) return made.dispose(); // unmounted, or a newer start won
    client.current = made;
    setMode(made.mode);
  }, []);

  useEffect(() => {
    alive.current = true;
    void start();
    return () => {
      alive.current = false;
      client.current?.dispose();
      client.current = null;
    };
  }, [start]);

  const send = useCallback((req: Request, transfer?: Transferable[]) => client.current?.send(req, transfer), []);
  const listen = useCallback((l: (r: Reply) => void) => {
    listeners.current.add(l);
    return () => void listeners.current.delete(l);
  }, []);
  const restore = useCallback((s: RunState) => dispatch({ type: "restore", state: s }), []);
  const reset = useCallback(() => dispatch({ type: "reset" }), []);
  /** After a fault: a fresh worker (the caller then re-inits it from a checkpoint). */
  const restart = start;
  return { state, send, listen, restore, reset, restart, mode };
}
