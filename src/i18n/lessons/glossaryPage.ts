/** Strings of the glossary page (#/glossary); en.ts and ja.ts mount them under "glossary". */
export const glossaryPageEn = {
  title: "Glossary",
  intro: "Every technical term of the course in English and Japanese, with a one-line definition. Lessons link each term's first use here; the Japanese lessons are checked to use exactly these words.",
  filter: "Filter terms",
  english: "English",
  japanese: "Japanese",
  definition: "Definition",
  taught: "Taught in",
  none: "No term matches “{{q}}”.",
  count: "{{n}} terms",
};

export const glossaryPageJa: typeof glossaryPageEn = {
  title: "用語集",
  intro: "コースに出てくる専門用語の英語と日本語、そして一行の定義です。各レッスンでは用語の初出がここにリンクし、日本語のレッスンはここにある表記どおりに書かれているか自動で確認されます。",
  filter: "用語を絞り込む",
  english: "英語",
  japanese: "日本語",
  definition: "定義",
  taught: "学ぶレッスン",
  none: "「{{q}}」に一致する用語はありません。",
  count: "{{n}} 語",
};
