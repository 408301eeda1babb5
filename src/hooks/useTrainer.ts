import { useCallback, useEffect, useRef, useState } from "react";
import { createTrainerClient, type TrainerClient } from "../workers/client";
import type { Reply, Request } from "../workers/protocol";

/**
 * Owns the training worker for the lab: creates it on mount and terminates it (freeing its tensors) on unmount.
 * `restart` replaces it with a fresh one; replies from a replaced worker are dropped, so a run that was stopped
 * can never write into the next one. Every reply goes to `onReply` and to the `listen`ers (the Generate panel).
 */
export function useTrainer(onReply: (r: Reply) => void) {
  const client = useRef<TrainerClient | null>(null);
  const alive = useRef(true);
  const listeners = useRef(new Set<(r: Reply) => void>());
  const handler = useRef(onReply);
  useEffect(() => {
    handler.current = onReply;
  });
  const [mode, setMode] = useState<TrainerClient["mode"] | null>(null);
  /** requests sent while a new worker is starting wait here, in order */
  const queue = useRef<{ req: Request; transfer?: Transferable[] }[]>([]);

  const generation = useRef(0);
  /** A new client in place of the current one (terminated first, which frees its tensors). */
  const start = useCallback(async () => {
    const gen = ++generation.current;
    client.current?.dispose();
    client.current = null;
    const made = await createTrainerClient((reply) => {
      if (!alive.current || gen !== generation.current) return; // a replaced worker's last words
      handler.current(reply);
      listeners.current.forEach((l) => l(reply));
    });
    if (!alive.current || gen !== generation.current) return made.dispose(); // unmounted, or a newer start won
    client.current = made;
    setMode(made.mode);
    for (const { req, transfer } of queue.current.splice(0)) made.send(req, transfer);
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

  const send = useCallback((req: Request, transfer?: Transferable[]) => {
    if (client.current) client.current.send(req, transfer);
    else queue.current.push({ req, transfer });
  }, []);
  const listen = useCallback((l: (r: Reply) => void) => {
    listeners.current.add(l);
    return () => void listeners.current.delete(l);
  }, []);
  /** A fresh worker (the caller then builds on it): after a fault, or to stop one that is busy. */
  const restart = useCallback(() => {
    queue.current = [];
    return start();
  }, [start]);
  return { send, listen, restart, mode };
}
