/**
 * UI strings of lesson decoding's widgets, in both languages (en.ts and ja.ts mount them under "decoding").
 * Keys and {{placeholders}} must match between en and ja (tests/i18n.test.ts checks).
 */
export const decodingEn = {
  placeholder: "Coming soon",
} as const;

export const decodingJa = {
  placeholder: "準備中",
};
