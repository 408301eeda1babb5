import { describe, expect, it } from "vitest";
import { holdWakeLock, type WakeLockEnv } from "../src/hooks/useWakeLock";

/** A fake Wake Lock API and page visibility: counts requests and releases. */
function fakeEnv(opts: { refuse?: boolean; visible?: boolean } = {}) {
  const log: string[] = [];
  let visible = opts.visible ?? true;
  const listeners = new Set<() => void>();
  const sentinels: { released: boolean; release(): Promise<void> }[] = [];
  const env: WakeLockEnv = {
    wakeLock: {
      request(type) {
        log.push(`request ${type}`);
        if (opts.refuse) return Promise.reject(new DOMException("Battery saver", "NotAllowedError"));
        const s = {
          released: false,
          release: async () => {
            s.released = true;
            log.push("release");
          },
        };
        sentinels.push(s);
        return Promise.resolve(s);
      },
    },
    isVisible: () => visible,
    onVisibilityChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const setVisible = (v: boolean) => {
    visible = v;
    // the browser releases a screen lock when the page is hidden
    if (!v) for (const s of sentinels) s.released = true;
    for (const l of listeners) l();
  };
  return { env, log, setVisible, listeners };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("holdWakeLock", () => {
  it("requests a screen lock, asks again when the page comes back, and releases on stop", async () => {
    const f = fakeEnv();
    const lock = holdWakeLock(f.env);
    await tick();
    expect(f.log).toEqual(["request screen"]);
    f.setVisible(false); // hidden: the browser dropped it; no request while hidden
    await tick();
    expect(f.log).toEqual(["request screen"]);
    f.setVisible(true);
    await tick();
    expect(f.log).toEqual(["request screen", "request screen"]);
    lock.stop();
    await tick();
    expect(f.log).toEqual(["request screen", "request screen", "release"]);
    expect(f.listeners.size).toBe(0);
    lock.stop(); // twice is harmless
    expect(f.log).toHaveLength(3);
  });

  it("does not request twice while a lock is held", async () => {
    const f = fakeEnv();
    const lock = holdWakeLock(f.env);
    await tick();
    f.setVisible(true); // a visibilitychange to visible while already holding it
    await tick();
    expect(f.log).toEqual(["request screen"]);
    lock.stop();
  });

  it("releases a lock granted after stop", async () => {
    const f = fakeEnv();
    const lock = holdWakeLock(f.env);
    lock.stop(); // before the request resolved
    await tick();
    expect(f.log).toEqual(["request screen", "release"]);
  });

  it("waits for a hidden page to become visible", async () => {
    const f = fakeEnv({ visible: false });
    const lock = holdWakeLock(f.env);
    await tick();
    expect(f.log).toEqual([]);
    f.setVisible(true);
    await tick();
    expect(f.log).toEqual(["request screen"]);
    lock.stop();
  });

  it("goes on quietly when refused or unsupported", async () => {
    const f = fakeEnv({ refuse: true });
    const lock = holdWakeLock(f.env);
    await tick();
    expect(f.log).toEqual(["request screen"]);
    lock.stop();
    const none = holdWakeLock({ ...f.env, wakeLock: undefined });
    none.stop();
    holdWakeLock(null).stop(); // Node: no navigator, no document
  });
});
