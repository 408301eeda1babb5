/**
 * UI strings of the code tabs (src/course/CodeTabs.tsx), in both languages (en.ts and ja.ts mount them under
 * "codeTabs"). The tab labels themselves (TypeScript, PyTorch) come from the lesson's Markdown.
 */
export const codeTabsEn = {
  label: "Code language",
  error: "Code tabs cannot be shown",
};

export const codeTabsJa: typeof codeTabsEn = {
  label: "コードの言語",
  error: "コードのタブを表示できません",
};
