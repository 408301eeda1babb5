/**
 * Sizes the lab shows before anything is built: nanoGPT's parameter count and a memory estimate.
 * Example: numParamsFor({ vocabSize: 11, blockSize: 8, nLayer: 2, nHead: 2, nEmbd: 16, bias: true }) = 6896,
 * the golden tiny model's count (lm_head is tied to wte, so it is counted once).
 */
export interface SizeConfig {
  vocabSize: number;
  blockSize: number;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  bias: boolean;
}

export function numParamsFor(c: SizeConfig): number {
  const C = c.nEmbd;
  const b = c.bias ? 1 : 0;
  const layerNorm = C + b * C;
  const perLayer =
    layerNorm + // ln_1
    3 * C * C + b * 3 * C + // attn.c_attn
    C * C + b * C + // attn.c_proj
    layerNorm + // ln_2
    4 * C * C + b * 4 * C + // mlp.c_fc
    4 * C * C + b * C; // mlp.c_proj
  return c.vocabSize * C + c.blockSize * C + c.nLayer * perLayer + layerNorm;
}

/**
 * Bytes a training step needs, roughly: float32 weights, gradients and AdamW's two moments (4 copies), plus
 * activations kept for the backward pass. Per layer that is about B·T·C·34 floats of block activations and
 * B·nh·T²·5 floats of attention scores (the estimate of Korthikanti et al. 2022, in float32), and the logits
 * with their softmax and gradient (3·B·T·V floats).
 */
export function trainingBytesFor(c: SizeConfig, batchSize: number): { params: number; activations: number; total: number } {
  const params = numParamsFor(c) * 4 * 4;
  const B = batchSize, T = c.blockSize;
  const perLayer = B * T * c.nEmbd * 34 + B * c.nHead * T * T * 5;
  const activations = (c.nLayer * perLayer + 3 * B * T * c.vocabSize) * 4;
  return { params, activations, total: params + activations };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let x = bytes / 1024, i = 0;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${x < 10 ? x.toFixed(1) : Math.round(x)} ${units[i]}`;
}
