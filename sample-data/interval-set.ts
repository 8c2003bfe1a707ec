/** A sorted set of disjoint half-open minute intervals [start, end): when a line or device is on. */
export class IntervalSet {
  private constructor(
    readonly starts: Int32Array,
    readonly ends: Int32Array,
  ) {}

  static empty(): IntervalSet {
    return new IntervalSet(new Int32Array(0), new Int32Array(0));
  }

  /** Sorts, clips to [lo, hi) and merges overlapping or touching intervals. */
  static from(pairs: readonly (readonly [number, number])[], lo: number, hi: number): IntervalSet {
    const clipped = pairs
      .map(([a, b]) => [Math.max(lo, a), Math.min(hi, b)] as const)
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const starts: number[] = [];
    const ends: number[] = [];
    for (const [a, b] of clipped) {
      const last = ends.length - 1;
      if (last >= 0 && a <= ends[last]!) {
        if (b > ends[last]!) ends[last] = b;
      } else {
        starts.push(a);
        ends.push(b);
      }
    }
    return new IntervalSet(Int32Array.from(starts), Int32Array.from(ends));
  }

  get size(): number {
    return this.starts.length;
  }

  pairs(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.starts.length; i++) out.push([this.starts[i]!, this.ends[i]!]);
    return out;
  }

  /** This set minus the given windows. */
  subtract(windows: readonly (readonly [number, number])[]): IntervalSet {
    if (windows.length === 0) return this;
    const cut = IntervalSet.from(windows, -Infinity, Infinity);
    const out: [number, number][] = [];
    let j = 0;
    for (let i = 0; i < this.starts.length; i++) {
      let a = this.starts[i]!;
      const b = this.ends[i]!;
      while (j < cut.size && cut.ends[j]! <= a) j++;
      let k = j;
      while (k < cut.size && cut.starts[k]! < b) {
        if (cut.starts[k]! > a) out.push([a, cut.starts[k]!]);
        a = Math.max(a, cut.ends[k]!);
        k++;
      }
      if (a < b) out.push([a, b]);
    }
    return IntervalSet.from(out, -Infinity, Infinity);
  }

  /** Union with other intervals. */
  union(pairs: readonly (readonly [number, number])[]): IntervalSet {
    return IntervalSet.from([...this.pairs(), ...pairs], -Infinity, Infinity);
  }

  /** Minutes on within [a, b), by binary search. */
  minutesOn(a: number, b: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[mid]! <= a) lo = mid + 1;
      else hi = mid;
    }
    let total = 0;
    for (let i = lo; i < this.starts.length && this.starts[i]! < b; i++) {
      total += Math.min(b, this.ends[i]!) - Math.max(a, this.starts[i]!);
    }
    return total;
  }

  fractionOn(a: number, b: number): number {
    return this.minutesOn(a, b) / (b - a);
  }

  isOn(t: number): boolean {
    return this.minutesOn(t, t + 1) > 0;
  }
}

/**
 * Sequential reader of an IntervalSet for queries whose windows move forward in time (the hot
 * loops over every 5/15-minute slot): amortised O(1) instead of a binary search per query.
 */
export class IntervalCursor {
  private i = 0;

  constructor(private readonly set: IntervalSet) {}

  /** Fraction of [a, b) that is on; `a` must not decrease between calls. */
  fractionOn(a: number, b: number): number {
    const { starts, ends } = this.set;
    const n = starts.length;
    while (this.i < n && ends[this.i]! <= a) this.i++;
    let total = 0;
    for (let k = this.i; k < n && starts[k]! < b; k++) {
      total += (ends[k]! < b ? ends[k]! : b) - (starts[k]! > a ? starts[k]! : a);
    }
    return total / (b - a);
  }
}
