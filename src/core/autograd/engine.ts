/**
 * A scalar reverse-mode autodiff engine: micrograd's idea in TypeScript. Each operation builds its output
 * Value and a closure that applies the local chain rule; backward() visits the graph in reverse topological
 * order. Example: a = 2, b = -3, c = 10, f = -2, L = (a*b + c) * f → L.data = -8, a.grad = 6, f.grad = 4.
 */
export class Value {
  grad = 0;
  /** Pushes this node's grad into its inputs' grads (the local chain rule); set by the op that made it. */
  backwardStep: () => void = () => {};

  constructor(
    public data: number,
    readonly inputs: readonly Value[] = [],
    readonly op = "",
    public label = "",
  ) {}

  static of(x: number | Value): Value {
    return x instanceof Value ? x : new Value(x);
  }

  add(other: number | Value): Value {
    const o = Value.of(other);
    const out = new Value(this.data + o.data, [this, o], "+");
    // += not =: a value used twice (x + x) receives a gradient along both paths, and they must sum.
    out.backwardStep = () => {
      this.grad += out.grad;
      o.grad += out.grad;
    };
    return out;
  }

  mul(other: number | Value): Value {
    const o = Value.of(other);
    const out = new Value(this.data * o.data, [this, o], "*");
    out.backwardStep = () => {
      this.grad += o.data * out.grad;
      o.grad += this.data * out.grad;
    };
    return out;
  }

  /** this ** k for a constant exponent k. */
  pow(k: number): Value {
    const out = new Value(this.data ** k, [this], `^${k}`);
    out.backwardStep = () => {
      this.grad += k * this.data ** (k - 1) * out.grad;
    };
    return out;
  }

  exp(): Value {
    const out = new Value(Math.exp(this.data), [this], "exp");
    out.backwardStep = () => {
      this.grad += out.data * out.grad; // d/dx e^x = e^x
    };
    return out;
  }

  log(): Value {
    if (!(this.data > 0)) throw new Error(`log needs a positive input, got ${this.data}.`);
    const out = new Value(Math.log(this.data), [this], "log");
    out.backwardStep = () => {
      this.grad += out.grad / this.data;
    };
    return out;
  }

  tanh(): Value {
    const t = Math.tanh(this.data);
    const out = new Value(t, [this], "tanh");
    out.backwardStep = () => {
      this.grad += (1 - t * t) * out.grad;
    };
    return out;
  }

  sigmoid(): Value {
    const s = 1 / (1 + Math.exp(-this.data));
    const out = new Value(s, [this], "σ");
    out.backwardStep = () => {
      this.grad += s * (1 - s) * out.grad;
    };
    return out;
  }

  relu(): Value {
    const out = new Value(this.data > 0 ? this.data : 0, [this], "ReLU");
    out.backwardStep = () => {
      this.grad += (this.data > 0 ? 1 : 0) * out.grad;
    };
    return out;
  }

  neg(): Value {
    return this.mul(-1);
  }
  sub(other: number | Value): Value {
    return this.add(Value.of(other).neg());
  }
  div(other: number | Value): Value {
    return this.mul(Value.of(other).pow(-1));
  }

  /** Every node that feeds this one, inputs before outputs (a topological order), this node last. */
  topo(): Value[] {
    const order: Value[] = [];
    const seen = new Set<Value>();
    const visit = (v: Value) => {
      if (seen.has(v)) return;
      seen.add(v);
      v.inputs.forEach(visit);
      order.push(v);
    };
    visit(this);
    return order;
  }

  /** Sets d(this)/d(this) = 1 and runs every node's local chain rule, outputs before inputs. */
  backward(): void {
    const order = this.topo();
    this.grad = 1;
    for (let i = order.length - 1; i >= 0; i--) order[i].backwardStep();
  }
}

/** Sets every grad in the graph below `root` to 0 (forget this and grads accumulate across passes). */
export function zeroGrad(root: Value): void {
  for (const v of root.topo()) v.grad = 0;
}

// ---- a tiny MLP on Value, as in micrograd's nn.py ------------------------------------------------------------

export type Rand = () => number; // uniform in [0, 1)

export class Neuron {
  readonly w: Value[];
  readonly b: Value;
  constructor(nin: number, rand: Rand, readonly nonlin = true) {
    this.w = Array.from({ length: nin }, () => new Value(rand() * 2 - 1));
    this.b = new Value(0);
  }
  call(x: (number | Value)[]): Value {
    if (x.length !== this.w.length) throw new Error(`Neuron has ${this.w.length} inputs but got ${x.length}.`);
    const act = x.reduce<Value>((sum, xi, i) => sum.add(this.w[i].mul(xi)), this.b);
    return this.nonlin ? act.tanh() : act;
  }
  parameters(): Value[] {
    return [...this.w, this.b];
  }
}

export class MLP {
  readonly layers: Neuron[][];
  /** Example: new MLP(3, [4, 4, 1], rand) has 3·4+4 + 4·4+4 + 4+1 = 41 parameters; the last layer is linear. */
  constructor(nin: number, sizes: number[], rand: Rand) {
    const dims = [nin, ...sizes];
    this.layers = sizes.map((n, i) => Array.from({ length: n }, () => new Neuron(dims[i], rand, i < sizes.length - 1)));
  }
  call(x: (number | Value)[]): Value[] {
    let h: (number | Value)[] = x;
    for (const layer of this.layers) h = layer.map((n) => n.call(h));
    return h as Value[];
  }
  parameters(): Value[] {
    return this.layers.flat().flatMap((n) => n.parameters());
  }
}
