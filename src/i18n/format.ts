/**
 * Dates in the page's language, not the browser's: a Japanese page shows 2026/12/02 0:05 even in an
 * English-language browser, and an English page "Dec 2, 2026, 12:05 AM". (toLocaleString() with no locale
 * uses the browser's, which is how the lab's runs table came to show US dates on Japanese pages.)
 * Example: formatDateTime(Date.UTC(2026, 11, 2, 0, 5), "ja", "UTC") → "2026/12/02 0:05"
 */
export function formatDateTime(date: number | Date, lang: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}
