/**
 * The lab's messages about its settings (src/lab/settings.ts settingProblems), in both languages; en.ts and ja.ts
 * mount them under "labProblems". settings.ts formats the English ones itself (Node tests, worker), the page asks
 * i18next for the reader's language.
 */
export const labProblemsEn = {
  notNumber: "{{name}} must be a number, got {{x}}.",
  aboveBuilds: "{{name}} {{x}} is above {{max}}, the largest the lab builds.",
  aboveTakes: "{{name}} {{x}} is above {{max}}, the largest the lab takes.",
  belowBuilds: "{{name}} {{x}} is below {{min}}, the smallest the lab builds.",
  belowTakes: "{{name}} {{x}} is below {{min}}, the smallest the lab takes.",
  whole: "{{name}} must be a whole number, got {{x}}.",
  memory: "About {{gb}} GB to train: too large for this device (about {{limit}} GB here).",
  divisible: "nEmbd {{nEmbd}} is not divisible by nHead {{nHead}}: each head gets nEmbd / nHead channels. Try {{suggest}}.",
  tryTwo: "{{lo}} or {{hi}}",
  minLr: "minLr {{minLr}} is above learningRate {{lr}}: the cosine decay would go up. Use a value ≤ {{lr}}.",
  warmup: "warmupIters {{warmup}} must be below lrDecayIters {{decay}}, or the schedule never decays.",
  bpe: "A BPE vocabulary needs more than the 256 byte tokens; got {{v}}.",
};

export const labProblemsJa: typeof labProblemsEn = {
  notNumber: "{{name}} には数を入れてください（入力：{{x}}）。",
  aboveBuilds: "{{name}} が {{x}} です。ラボが作れるのは {{max}} までです。",
  aboveTakes: "{{name}} が {{x}} です。ラボが受け付けるのは {{max}} までです。",
  belowBuilds: "{{name}} が {{x}} です。ラボが作れるのは {{min}} からです。",
  belowTakes: "{{name}} が {{x}} です。ラボが受け付けるのは {{min}} からです。",
  whole: "{{name}} には整数を入れてください（入力：{{x}}）。",
  memory: "学習に約 {{gb}} GB 必要です。この端末には大きすぎます（ここで使えるのは約 {{limit}} GB）。",
  divisible: "nEmbd {{nEmbd}} は nHead {{nHead}} で割り切れません。各ヘッドは nEmbd / nHead 個のチャネルを受け持つからです。{{suggest}} を試してください。",
  tryTwo: "{{lo}} か {{hi}}",
  minLr: "minLr {{minLr}} が learningRate {{lr}} より大きいので、コサイン減衰で学習率が上がってしまいます。{{lr}} 以下にしてください。",
  warmup: "warmupIters {{warmup}} は lrDecayIters {{decay}} より小さくしてください。そうでないと学習率が減衰しません。",
  bpe: "BPE の語彙には 256 個のバイトトークンより多くが必要です（入力：{{v}}）。",
};
