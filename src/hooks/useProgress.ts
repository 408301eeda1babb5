import { useSyncExternalStore } from "react";
import { loadJSON, saveJSON } from "../storage";

/** What the course remembers about the learner, in localStorage. */
export interface Progress {
  visited: Record<string, true>; // lesson slug → visited
  solved: Record<string, true>; // "slug/exercise-id" → solved
}

const KEY = "gpt-dojo:progress";
const empty: Progress = { visited: {}, solved: {} };
let current: Progress = normalise(loadJSON<unknown>(KEY, empty));
const listeners = new Set<() => void>();

function normalise(raw: unknown): Progress {
  const p = (raw ?? {}) as Partial<Progress>;
  return { visited: { ...(p.visited ?? {}) }, solved: { ...(p.solved ?? {}) } };
}

function update(next: Progress) {
  current = next;
  saveJSON(KEY, next);
  listeners.forEach((l) => l());
}

export function markVisited(slug: string) {
  if (!current.visited[slug]) update({ ...current, visited: { ...current.visited, [slug]: true } });
}

export function markSolved(slug: string, exerciseId: string) {
  const key = `${slug}/${exerciseId}`;
  if (!current.solved[key]) update({ ...current, solved: { ...current.solved, [key]: true } });
}

export function solvedCount(progress: Progress, slug: string): number {
  return Object.keys(progress.solved).filter((k) => k.startsWith(`${slug}/`)).length;
}

export function useProgress(): Progress {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
