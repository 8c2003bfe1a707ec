/**
 * Deterministic pseudo-random numbers for the demo city (sfc32 seeded through splitmix32).
 *
 * Every entity draws from its own stream keyed by (seed, name), e.g. `rng(seed, 'outlet:E0003-G1')`,
 * so the data of one enterprise does not change when the city gets more enterprises, and the order
 * in which entities are generated cannot leak into their values. Math.random is never used.
 */

/** FNV-1a over UTF-16 code units, mixed with the seed: a 32-bit stream id for (seed, key). */
export function streamId(seed: number, key: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche so that keys differing in their last character give unrelated streams.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(
    readonly seed: number,
    readonly key: string,
  ) {
    const init = splitmix32(streamId(seed, key));
    this.a = init();
    this.b = init();
    this.c = init();
    this.d = init();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent stream for a sub-entity (same seed, longer key). */
  fork(subKey: string): SeededRandom {
    return new SeededRandom(this.seed, `${this.key}/${subKey}`);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box-Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u = this.next();
    if (u < 1e-12) u = 1e-12;
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Pick by non-negative weights (same order as items). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }
}

/**
 * AR(1) noise with unit stationary variance: x[t] = phi x[t-1] + sqrt(1-phi^2) e[t]. Real CEMS
 * readings are autocorrelated hour to hour; white noise would look fake to the detectors.
 */
export class Ar1 {
  private x: number;
  private readonly innovation: number;

  constructor(
    private readonly rng: SeededRandom,
    private readonly phi: number,
  ) {
    this.innovation = Math.sqrt(1 - phi * phi);
    this.x = rng.normal();
  }

  next(): number {
    this.x = this.phi * this.x + this.innovation * this.rng.normal();
    return this.x;
  }
}
