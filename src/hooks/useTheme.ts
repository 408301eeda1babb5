import { useCallback, useEffect, useState } from "react";
import { loadJSON, saveJSON } from "../storage";

export type Theme = "light" | "dark";
const KEY = "gpt-dojo:theme";

/** ?theme= wins (for screenshots and projectors), then the saved choice, then the OS preference. */
function initialTheme(): Theme {
  const fromUrl = new URLSearchParams(location.search).get("theme");
  if (fromUrl === "light" || fromUrl === "dark") return fromUrl;
  const saved = loadJSON<unknown>(KEY, null);
  if (saved === "light" || saved === "dark") return saved;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** Applied before React's first render, so components that read CSS colours at mount get the right ones. */
export function applyInitialTheme(): void {
  document.documentElement.dataset.theme = initialTheme();
}

export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const toggle = useCallback(() => {
    setTheme((t) => {
      const next = t === "dark" ? "light" : "dark";
      saveJSON(KEY, next);
      return next;
    });
  }, []);
  return [theme, toggle];
}
