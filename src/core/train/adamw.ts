import * as tf from "@tensorflow/tfjs";
import type { Params, TensorRecord } from "../model";
import { fusedAdamW, hasFusedAdamW, registerFusedAdamW } from "./fusedAdamW";

registerFusedAdamW();

export interface AdamWOptions {
  beta1: number;
  beta2: number;
  eps?: number; // 1e-8 as torch's default
  weightDecay: number;
}

export interface AdamWState {
  step: number;
  m: TensorRecord; // exp_avg per parameter name
  v: TensorRecord; // exp_avg_sq per parameter name
}

/**
 * torch.optim.AdamW, step for step, with nanoGPT's two groups: decoupled weight decay only on parameters
 * with 2 or more dimensions (Linear weights, wte, wpe), none on biases and LayerNorm weights.
 * Per element at step t: p ← p·(1 − lr·wd); m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 * p ← p − (lr / (1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + ε).
 * The moments are variables this object owns: call dispose() when done.
 */
export class AdamW {
  step = 0;
  private m: Record<string, tf.Variable> = {};
  private v: Record<string, tf.Variable> = {};
  readonly eps: number;

  constructor(readonly params: Params, readonly opts: AdamWOptions) {
    this.eps = opts.eps ?? 1e-8;
  }

  /** nanoGPT's configure_optimizers grouping. */
  static decays(shape: readonly number[]): boolean {
    return shape.length >= 2;
  }

  /** Applies one update with learning rate `lr`; `grads` are consumed by the caller's tidy. */
  applyGradients(grads: Record<string, tf.Tensor>, lr: number): void {
    this.step += 1;
    const { beta1: b1, beta2: b2, weightDecay } = this.opts;
    const bc1 = 1 - b1 ** this.step;
    const sqrtBc2 = Math.sqrt(1 - b2 ** this.step);
    const fused = hasFusedAdamW(); // wasm and cpu: one kernel per parameter (fusedAdamW.ts)
    tf.tidy(() => {
      for (const [name, p] of Object.entries(this.params)) {
        const g = grads[name];
        if (!g) throw new Error(`AdamW got no gradient for "${name}".`);
        this.m[name] ??= tf.variable(tf.zerosLike(p), false);
        this.v[name] ??= tf.variable(tf.zerosLike(p), false);
        const wd = AdamW.decays(p.shape) ? weightDecay : 0;
        if (fused) {
          const attrs = { beta1: b1, beta2: b2, eps: this.eps, decayFactor: wd ? 1 - lr * wd : 1, sqrtBc2, stepSize: lr / bc1 };
          const [np, nm, nv] = fusedAdamW(p, g, this.m[name], this.v[name], attrs);
          this.m[name].assign(nm);
          this.v[name].assign(nv);
          p.assign(np);
          continue;
        }
        const m = this.m[name].mul(b1).add(g.mul(1 - b1));
        const v = this.v[name].mul(b2).add(g.square().mul(1 - b2));
        this.m[name].assign(m);
        this.v[name].assign(v);
        const decayed = wd ? p.mul(1 - lr * wd) : p;
        p.assign(decayed.sub(m.div(v.sqrt().div(sqrtBc2).add(this.eps)).mul(lr / bc1)));
      }
    });
  }

  async getState(): Promise<AdamWState> {
    const read = async (vars: Record<string, tf.Variable>) => {
      const out: TensorRecord = {};
      for (const [name, t] of Object.entries(vars)) out[name] = { shape: t.shape.slice(), values: (await t.data()) as Float32Array };
      return out;
    };
    return { step: this.step, m: await read(this.m), v: await read(this.v) };
  }

  /** Restores moments saved by getState (e.g. from a checkpoint); shapes must match the parameters. */
  setState(state: AdamWState): void {
    for (const [name, p] of Object.entries(this.params)) {
      for (const [kind, rec, vars] of [["exp_avg", state.m, this.m], ["exp_avg_sq", state.v, this.v]] as const) {
        const t = rec[name];
        if (!t) throw new Error(`Optimizer state has no ${kind} for "${name}".`);
        if (t.shape.join(",") !== p.shape.join(",")) throw new Error(`Optimizer ${kind} for "${name}" has shape (${t.shape.join(", ")}) but the parameter is (${p.shape.join(", ")}).`);
        vars[name]?.dispose();
        vars[name] = tf.tidy(() => tf.variable(tf.tensor(t.values, t.shape, "float32"), false));
      }
    }
    this.step = state.step;
  }

  dispose(): void {
    for (const t of [...Object.values(this.m), ...Object.values(this.v)]) t.dispose();
    this.m = {};
    this.v = {};
  }
}
