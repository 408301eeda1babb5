/**
 * Parallel English and Japanese texts (the same meaning in both), so token counts compare languages and not
 * contents. They are sample data, shown as they are whatever the page's language.
 */
export const comparePresets = {
  cat: { en: "I am a cat. As yet I have no name.", ja: "吾輩は猫である。名前はまだ無い。" },
  walk: { en: "The weather is nice today, so let's take a walk in the park.", ja: "今日は天気がいいので、公園を散歩しましょう。" },
  context: {
    en: "A language model reads text as tokens, so the number of tokens decides how much text fits in its context.",
    ja: "言語モデルは文章をトークンとして読むので、トークンの数によって文脈に収まる文章の量が決まる。",
  },
  numbers: { en: "The year 2024 had 366 days, and 12345 + 67890 = 80235.", ja: "2024年は366日あり、12345 + 67890 = 80235 である。" },
  code: { en: "# print the squares\nfor i in range(10):\n    print(i * i)", ja: "# 二乗を表示する\nfor i in range(10):\n    print(i * i)" },
  emoji: { en: "I love sushi 🍣 and ramen 🍜!", ja: "お寿司🍣とラーメン🍜が大好き！" },
} as const;

export type ComparePreset = keyof typeof comparePresets;
export const comparePresetNames = Object.keys(comparePresets) as ComparePreset[];

/** The tokenizers in the order the widget shows them. "ours" is a RegexTokenizer trained in the page. */
export const compareKinds = ["gpt2", "cl100k", "o200k", "ours"] as const;
export type CompareKind = (typeof compareKinds)[number];

export const OWN_DEFAULT = "Hello world! こんにちは、世界！";
