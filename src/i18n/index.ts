import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { ja } from "./ja";
import { loadJSON, saveJSON } from "../storage";

export type { Messages } from "./messages";

export const languages = ["en", "ja"] as const;
export type Language = (typeof languages)[number];
export const resources = { en, ja } as const;

const STORAGE_KEY = "gpt-dojo:lang";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** ?lang= in the page query or in the hash query wins, then the learner's last choice, then the browser. */
export function detectLanguage(): Language {
  const fromUrl = new URLSearchParams(location.search).get("lang") ?? hashQuery().get("lang");
  if (isLanguage(fromUrl)) return fromUrl;
  const stored = loadJSON<unknown>(STORAGE_KEY, null);
  if (isLanguage(stored)) return stored;
  return navigator.language.toLowerCase().startsWith("ja") ? "ja" : "en";
}

export function hashQuery(): URLSearchParams {
  const q = location.hash.indexOf("?");
  return new URLSearchParams(q >= 0 ? location.hash.slice(q + 1) : "");
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ja: { translation: ja } },
    lng: detectLanguage(),
    fallbackLng: "en",
    interpolation: { escapeValue: false }, // React escapes already
    returnObjects: true,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

export async function setLanguage(lang: Language): Promise<void> {
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  saveJSON(STORAGE_KEY, lang);
}
