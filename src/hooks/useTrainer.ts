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
  const listeners = useRef(new Set<(r: Reply) => void>());
  const [mode, setMode] = useState<TrainerClient["mode"] | null>(null);

  useEffect(() => {
    let alive = true;
    let c: TrainerClient | null = null;
    void createTrainerClient((reply) => {
      if (!alive) return;
      dispatch({ type: "reply", reply });
      listeners.current.forEach((l) => l(reply));
    }).then((made) => {
      c = made;
      if (!alive) return made.dispose();
      client.current = made;
      setMode(made.mode);
    });
    return () => {
      alive = false;
      c?.dispose();
      client.current = null;
    };
  }, []);

  const send = useCallback((req: Request, transfer?: Transferable[]) => client.current?.send(req, transfer), []);
  const listen = useCallback((l: (r: Reply) => void) => {
    listeners.current.add(l);
    return () => void listeners.current.delete(l);
  }, []);
  const restore = useCallback((s: RunState) => dispatch({ type: "restore", state: s }), []);
  const reset = useCallback(() => dispatch({ type: "reset" }), []);
  return { state, send, listen, restore, reset, mode };
}
