/**
 * UI strings of lesson pretraining's widgets, in both languages (en.ts and ja.ts mount them under "pretraining").
 * Keys and {{placeholders}} must match between en and ja (tests/i18n.test.ts checks).
 */
export const pretrainingEn = {
  placeholder: "Coming soon",
} as const;

export const pretrainingJa = {
  placeholder: "準備中",
};
