export function findChromium(): { path: string | undefined; source: string };
export const chromiumArgs: string[];
