/**
 * One seeded pseudo-random generator for everything stochastic in the engine: weight init, batch
 * sampling, dropout masks and token sampling. A shared link carries the seed, so a run replays exactly.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "small fast counter"), seeded through splitmix32 so that
 * nearby seeds (1, 2, 3, …) give unrelated streams. Example: new Random(1337).next() is the same number
 * on every machine and every backend, because it is computed in 32-bit integer arithmetic.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(readonly seed: number) {
    if (!Number.isInteger(seed)) throw new Error(`Random needs an integer seed, got ${seed}.`);
    let s = seed >>> 0;
    const splitmix = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.nextUint32(); // warm up: the first outputs of sfc32 are weakly mixed
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, n). Example: rng.int(6) + 1 rolls a die. */
  int(n: number): number {
    if (!(n > 0) || !Number.isInteger(n)) throw new Error(`Random.int needs a positive integer bound, got ${n}.`);
    return Math.floor(this.next() * n);
  }

  /** A standard normal sample (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    let u = 0;
    while (u === 0) u = this.next(); // log(0) is -inf
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** n samples from normal(mean, std) as float32. */
  normalArray(n: number, mean = 0, std = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = mean + std * this.normal();
    return out;
  }

  /** A new generator whose stream depends on this one's, for a sub-task that must not disturb this stream. */
  fork(): Random {
    return new Random(this.nextUint32() | 0);
  }
}
