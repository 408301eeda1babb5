/** Whitespace as visible symbols, so a chip or a cell holding a space is not blank. Example: "a b\n" → "a␣b↵" */
export const visibleWhitespace = (s: string) => s.replace(/ /g, "␣").replace(/\n/g, "↵").replace(/\t/g, "⇥").replace(/\r/g, "␍");
