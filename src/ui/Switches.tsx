import { useTranslation } from "react-i18next";
import { languages, setLanguage, type Language } from "../i18n";
import type { Theme } from "../hooks/useTheme";

/** The language menu of the page header and the speaker's view. `beforeChange` runs first (the header keeps the reader's place). */
export function LanguageSelect({ className, testId, beforeChange }: { className?: string; testId: string; beforeChange?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <label className={className}>
      <span className="visually-hidden">{t("app.language.label")}</span>
      <select value={i18n.language} onChange={(e) => (beforeChange?.(), void setLanguage(e.target.value as Language))} data-testid={testId}>
        {languages.map((l) => (
          <option key={l} value={l}>
            {l === "en" ? "English" : "日本語"}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The ☾/☀ button: its label names the theme it switches to. */
export function ThemeButton({ theme, onToggle, className, testId }: { theme: Theme; onToggle: () => void; className?: string; testId: string }) {
  const { t } = useTranslation();
  const other = theme === "dark" ? "light" : "dark";
  return (
    <button type="button" className={className} onClick={onToggle} aria-label={t("app.theme.toggle", { theme: t(`app.theme.${other}`) })} data-testid={testId}>
      {theme === "dark" ? "☀" : "☾"}
    </button>
  );
}
