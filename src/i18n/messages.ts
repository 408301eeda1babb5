import type { en } from "./en";

/** The shape every language must fill: en's keys, with any string values. Its own module so that ja.ts can
 * use it without importing index.ts, which imports ja.ts. */
type Widen<T> = T extends string ? string : T extends readonly (infer U)[] ? readonly Widen<U>[] : { [K in keyof T]: Widen<T[K]> };
export type Messages = Widen<typeof en>;
