export { AdamW, type AdamWOptions, type AdamWState } from "./adamw";
export { getLr } from "./schedule";
export { getBatch, splitData, type Batch, type TokenArray } from "./data";
export { clipGradNorm, trainStep, evaluate, type StepResult } from "./step";
