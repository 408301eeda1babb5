import { useCallback, useState } from "react";
import { decodeState, encodeState, type StateOf, type StateSchema } from "../course/urlState";

function hashParts(): { path: string; params: URLSearchParams } {
  const hash = location.hash.replace(/^#/, "");
  const q = hash.indexOf("?");
  return q < 0 ? { path: hash, params: new URLSearchParams() } : { path: hash.slice(0, q), params: new URLSearchParams(hash.slice(q + 1)) };
}

/**
 * A widget's state, mirrored into the hash query under `prefix` (see course/urlState.ts). Returns the state, a
 * setter taking a partial update, and a reset to the defaults. replaceState does not fire hashchange, so
 * typing into a widget neither re-routes the page nor fills the back button's history.
 */
export function useUrlState<S extends StateSchema>(prefix: string, schema: S): [StateOf<S>, (patch: Partial<StateOf<S>>) => void, () => void] {
  const [state, setState] = useState<StateOf<S>>(() => decodeState(schema, hashParts().params, prefix));

  const write = useCallback(
    (next: StateOf<S>) => {
      const { path, params } = hashParts();
      const query = encodeState(schema, next, params, prefix).toString();
      history.replaceState(history.state, "", `${location.pathname}${location.search}#${path}${query ? `?${query}` : ""}`);
    },
    [schema, prefix],
  );

  const update = useCallback(
    (patch: Partial<StateOf<S>>) => {
      setState((s) => {
        const next = { ...s, ...patch };
        write(next);
        return next;
      });
    },
    [write],
  );

  const reset = useCallback(() => {
    const defaults = decodeState(schema, new URLSearchParams(), prefix);
    write(defaults);
    setState(defaults);
  }, [schema, prefix, write]);

  return [state, update, reset];
}

/**
 * One raw `<prefix>.<key>` value from the hash query, or null. For a widget whose field defaults come from a
 * preset: presenter mode's 1–9 keys write `<id>.preset` and remount the widget (src/course/widgetRegistry.ts), and
 * the widget reads it here at mount to take that preset's values as its defaults.
 */
export function urlStateParam(prefix: string, key: string): string | null {
  return hashParts().params.get(`${prefix}.${key}`);
}
