import { chunksFromText, chunksFromWords, type Chunk } from "./stepper";

/** The texts the BPEStepper starts from (CURRICULUM L4). */
export const bpePresets = ["wiki", "hf", "ja", "own"] as const;
export type BpePreset = (typeof bpePresets)[number];

/** Wikipedia's and minbpe's example: 3 merges give [258, 100, 258, 97, 99]. */
export const WIKI_TEXT = "aaabdaaabac";

/** The Hugging Face course's corpus (chapter 6.5): words and how often each occurs. */
export const HF_WORDS = [
  ["hug", 10],
  ["pug", 5],
  ["pun", 12],
  ["bun", 4],
  ["hugs", 5],
] as const;

/** The first lines of Natsume Sōseki's "I Am a Cat": 16 characters, 48 bytes of UTF-8. */
export const JA_TEXT = "吾輩は猫である。名前はまだ無い。";

/** The starting text shown in the text box when the learner picks "own" (before they type). */
export const OWN_DEFAULT = "the cat sat on the mat; the cat ate the rat";

/**
 * What a preset merges. The Hugging Face words are kept apart (no merge crosses two words, as in the course);
 * the other texts are one chunk unless `split` cuts them with GPT-4's pattern first.
 */
export function presetChunks(preset: BpePreset, text: string, split: boolean): Chunk[] {
  switch (preset) {
    case "wiki":
      return chunksFromText(WIKI_TEXT, split);
    case "hf":
      return chunksFromWords(HF_WORDS);
    case "ja":
      return chunksFromText(JA_TEXT, split);
    case "own":
      return chunksFromText(text, split);
  }
}
