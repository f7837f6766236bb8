/**
 * A small seeded pseudo-random generator (mulberry32). Every random draw in rnnkit
 * (initial weights, mini-batch shuffles, synthetic data) goes through one of these,
 * so a seed reproduces a run exactly. Its whole state is one 32-bit integer.
 */
export class Rng {
  private s: number;

  /** Creates a generator from an integer seed. */
  constructor(seed = 0) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    this.s = Math.trunc(seed) >>> 0;
  }

  /** The generator's state, for checkpoints; `Rng.fromState(s)` resumes the same stream. */
  get state(): number {
    return this.s;
  }

  /** A generator that continues the stream a saved `state` came from. */
  static fromState(state: number): Rng {
    return new Rng(state);
  }

  /** A uniform draw from [0, 1) with 32 bits of randomness. */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A uniform draw from [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: keeps log() finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** An integer drawn uniformly from [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = p[i]!;
      p[i] = p[j]!;
      p[j] = tmp;
    }
    return p;
  }
}
