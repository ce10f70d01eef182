// A port of numpy's legacy `RandomState`: the MT19937 generator with its
// integer seeding, 53-bit doubles, polar-method normals (keeping the second
// value for the next call), masked-rejection bounded integers and the
// Fisher–Yates shuffle. Same seed, same sequence as numpy 1.24.

const N = 624;
const M = 397;
// Constants as signed 32-bit values: the state is kept in an Int32Array so
// that every operation stays in V8's fast integer representation.
const UPPER_MASK = 0x80000000 | 0;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df | 0;
const TEMPER_B = 0x9d2c5680 | 0;
const TEMPER_C = 0xefc60000 | 0;
const TWO_POW_32 = 4294967296;

/** The largest seed numpy accepts: seeds are 32-bit unsigned integers. */
export const MAX_SEED = TWO_POW_32 - 1;

/** Smallest mask of the form 2^k − 1 that is at least `max` (max < 2^32). */
function mask32(max: number): number {
  let mask = max >>> 0;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

/** Regenerates all 624 words of the state in place (the MT19937 twist). */
function twist(mt: Int32Array): void {
  let kk = 0;
  let y: number;
  for (; kk < N - M; kk++) {
    y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
    mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  for (; kk < N - 1; kk++) {
    y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
    mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
  mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
}

/** numpy's legacy random generator, reproducing its streams bit for bit. */
export class RandomState {
  private readonly mt = new Int32Array(N);
  private pos = N;
  private hasGauss = false;
  private gauss = 0;

  /** Seeds the generator as `numpy.random.RandomState(seed)` does. */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new Error(
        `RandomState: seed must be an integer between 0 and 2^32 - 1, got ${seed}`,
      );
    }

    // Knuth's linear recurrence, which numpy uses for an integer seed.
    const mt = this.mt;
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      mt[i] = s;
      s = (Math.imul(1812433253, s ^ (s >>> 30)) + i + 1) >>> 0;
    }
  }

  /** The next raw 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    if (this.pos >= N) {
      twist(this.mt);
      this.pos = 0;
    }
    let y = this.mt[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & TEMPER_B;
    y ^= (y << 15) & TEMPER_C;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) built from two draws: 27 high bits then 26. */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `n` doubles in [0, 1), as `random_sample(size=n)` draws them. */
  randomSampleArray(n: number): Float64Array {
    const out = new Float64Array(n);
    this.fillRandomSample(out);
    return out;
  }

  /** Fills `out` with doubles in [0, 1) in order. */
  fillRandomSample(out: Float64Array): void {
    const mt = this.mt;
    let pos = this.pos;
    const n = out.length;

    // The tempering is inlined: this loop feeds every uniform and normal.
    for (let i = 0; i < n; i++) {
      if (pos >= N) {
        twist(mt);
        pos = 0;
      }
      let a = mt[pos++];
      a ^= a >>> 11;
      a ^= (a << 7) & TEMPER_B;
      a ^= (a << 15) & TEMPER_C;
      a ^= a >>> 18;
      if (pos >= N) {
        twist(mt);
        pos = 0;
      }
      let b = mt[pos++];
      b ^= b >>> 11;
      b ^= (b << 7) & TEMPER_B;
      b ^= (b << 15) & TEMPER_C;
      b ^= b >>> 18;
      out[i] = ((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992;
    }

    this.pos = pos;
  }

  /** A double in [low, high), computed as numpy does: low + (high−low)·u. */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.randomSample();
  }

  /** `n` draws of `uniform(low, high)` in order. */
  uniformArray(n: number, low = 0, high = 1): Float64Array {
    const out = this.randomSampleArray(n);
    if (low === 0 && high === 1) return out;
    const range = high - low;
    for (let i = 0; i < n; i++) out[i] = low + range * out[i];
    return out;
  }

  /** One standard normal draw by the polar method, caching its twin. */
  standardNormal(): number {
    if (this.hasGauss) {
      const cached = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return cached;
    }

    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.randomSample() - 1;
      x2 = 2 * this.randomSample() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);

    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `n` standard normals in order, as `standard_normal(size=n)` draws. */
  standardNormalArray(n: number): Float64Array {
    const out = new Float64Array(n);
    this.fillStandardNormal(out, 0, n);
    return out;
  }

  /** Writes `count` standard normals to `out` starting at `offset`. */
  fillStandardNormal(out: Float64Array, offset: number, count: number): void {
    const end = offset + count;
    let i = offset;
    if (i < end && this.hasGauss) {
      out[i++] = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
    }

    // Pairs of uniforms are drawn from the raw state directly: this is the
    // hot loop of make_classification.
    const mt = this.mt;
    let pos = this.pos;
    while (i < end) {
      let x1: number;
      let x2: number;
      let r2: number;
      do {
        if (pos > N - 4) {
          this.pos = pos;
          x1 = 2 * this.randomSample() - 1;
          x2 = 2 * this.randomSample() - 1;
          pos = this.pos;
        } else {
          let a = mt[pos];
          a ^= a >>> 11;
          a ^= (a << 7) & TEMPER_B;
          a ^= (a << 15) & TEMPER_C;
          a ^= a >>> 18;
          let b = mt[pos + 1];
          b ^= b >>> 11;
          b ^= (b << 7) & TEMPER_B;
          b ^= (b << 15) & TEMPER_C;
          b ^= b >>> 18;
          let c = mt[pos + 2];
          c ^= c >>> 11;
          c ^= (c << 7) & TEMPER_B;
          c ^= (c << 15) & TEMPER_C;
          c ^= c >>> 18;
          let d = mt[pos + 3];
          d ^= d >>> 11;
          d ^= (d << 7) & TEMPER_B;
          d ^= (d << 15) & TEMPER_C;
          d ^= d >>> 18;
          pos += 4;
          x1 = (2 * ((a >>> 5) * 67108864 + (b >>> 6))) / 9007199254740992 - 1;
          x2 = (2 * ((c >>> 5) * 67108864 + (d >>> 6))) / 9007199254740992 - 1;
        }
        r2 = x1 * x1 + x2 * x2;
      } while (r2 >= 1 || r2 === 0);

      const f = Math.sqrt((-2 * Math.log(r2)) / r2);
      out[i++] = f * x2;
      if (i < end) {
        out[i++] = f * x1;
      } else {
        this.gauss = f * x1;
        this.hasGauss = true;
      }
    }

    this.pos = pos;
  }

  /**
   * A uniform integer in [0, max] by masked rejection, drawing 32 bits at a
   * time while max < 2^32 and 64 bits (high word first) above.
   */
  boundedUint(max: number): number {
    if (max === 0) return 0;
    if (max <= 0xffffffff) {
      if (max === 0xffffffff) return this.nextUint32();
      const mask = mask32(max);
      let value: number;
      do value = (this.nextUint32() & mask) >>> 0;
      while (value > max);
      return value;
    }
    if (max > Number.MAX_SAFE_INTEGER) {
      throw new Error(
        `RandomState: ranges above 2^53 are not supported yet, got ${max}`,
      );
    }

    // The mask's high word covers the bits of max above 2^32; its low word
    // is all ones because max ≥ 2^32.
    const highMask = mask32(Math.floor(max / TWO_POW_32));
    let value: number;
    do {
      const high = (this.nextUint32() & highMask) >>> 0;
      const low = this.nextUint32();
      value = high * TWO_POW_32 + low;
    } while (value > max);
    return value;
  }

  /** A uniform integer in [low, high), as `randint(low, high)` draws it. */
  randint(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
      throw new Error(
        `RandomState.randint: bounds must be integers, got ${low} and ${high}`,
      );
    }
    if (high <= low) {
      throw new Error(`RandomState.randint: low >= high (${low} >= ${high})`);
    }
    return low + this.boundedUint(high - 1 - low);
  }

  /** `n` draws of `randint(low, high)` in order. */
  randintArray(n: number, low: number, high: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.randint(low, high);
    return out;
  }

  /** Shuffles `array` in place: Fisher–Yates from the last element down. */
  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.boundedUint(i);
      const held = array[i];
      array[i] = array[j];
      array[j] = held;
    }
    return array;
  }

  /** A shuffled `0 … n−1`, as `permutation(n)` returns. */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }
}
