/**
 * UI strings of lesson attention's widgets, in both languages (en.ts and ja.ts mount them under "attention").
 * Keys and {{placeholders}} must match between en and ja (tests/i18n.test.ts checks).
 */
export const attentionEn = {
  placeholder: "Coming soon",
} as const;

export const attentionJa = {
  placeholder: "準備中",
};
