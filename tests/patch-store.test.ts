import { describe, expect, it } from "vitest";
import { patchStore } from "../src/hooks/patchStore";

describe("patchStore", () => {
  it("merges patches, gives React a new object only on a set, and tells each listener until it unsubscribes", () => {
    const s = patchStore({ running: false, done: 0, total: 6 });
    const seen: number[] = [];
    const stop = s.subscribe(() => seen.push(s.get().done));
    const first = s.get();
    expect(s.get()).toBe(first); // stable between sets (useSyncExternalStore requires it)
    s.set({ running: true, done: 1 });
    s.set({ done: 2 });
    expect(s.get()).toEqual({ running: true, done: 2, total: 6 });
    expect(s.get()).not.toBe(first);
    stop();
    s.set({ done: 3 });
    expect(seen).toEqual([1, 2]);
  });
});
