// Seeded pseudo-random numbers for the demo generator. sfc32 (seeded through splitmix32) is fast,
// has 128 bits of state and gives the same sequence on every platform, so one seed always yields
// the same demo company, byte for byte. Math.random is never used anywhere in the demo.

/** A deterministic random stream. Every draw advances the state, so call order matters. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const split = splitmix32(Math.trunc(seed) >>> 0);
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 15; i++) this.uniform(); // discard the weakly mixed first outputs
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.uniform();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.uniform() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.uniform() * items.length)] as T;
  }

  /** Standard normal draw (Box–Muller; the spare value is dropped to keep the stream simple). */
  normal(): number {
    const u = 1 - this.uniform(); // (0, 1]: log stays finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }

  /** Log-normal draw given its median and the standard deviation of its logarithm. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /** Poisson count; Knuth's product method, fine for the small means the demo uses. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    for (let product = this.uniform(); product > limit; product *= this.uniform()) count++;
    return count;
  }
}

/** A fixed discrete distribution; weights need not sum to 1. */
export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly cumulative: readonly number[];

  constructor(entries: readonly (readonly [T, number])[]) {
    const positive = entries.filter(([, weight]) => weight > 0);
    if (positive.length === 0) throw new Error("WeightedTable needs at least one positive weight");
    const total = positive.reduce((sum, [, weight]) => sum + weight, 0);
    let running = 0;
    this.items = positive.map(([item]) => item);
    this.cumulative = positive.map(([, weight]) => (running += weight / total));
  }

  sample(rng: Random): T {
    const u = rng.uniform();
    const last = this.items.length - 1;
    for (let i = 0; i < last; i++) if (u < (this.cumulative[i] as number)) return this.items[i] as T;
    return this.items[last] as T;
  }
}

function splitmix32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}
