/**
 * What a loss value says, in numbers a newcomer can hold: where training starts (a uniform guess over the
 * vocabulary has cross-entropy ln V) and the perplexity e^loss, the number of equally likely tokens that would
 * leave the model as unsure as it is. Example: V = 83 (Moby-Dick's characters) starts at ln 83 = 4.42; a loss of
 * 1.5 has perplexity e^1.5 = 4.48: "choosing among about 4 characters", against 83 at the start.
 */
export interface LossReading {
  start: number; // ln V
  perplexity?: number; // e^loss
  /** perplexity rounded as said: whole numbers, one decimal below 10 */
  among?: string;
}

export function lossReading(vocabSize: number, loss?: number): LossReading {
  const start = Math.log(vocabSize);
  if (loss === undefined || !Number.isFinite(loss)) return { start };
  const perplexity = Math.exp(loss);
  return { start, perplexity, among: perplexity < 10 ? perplexity.toFixed(1) : Math.round(perplexity).toLocaleString("en-US") };
}
