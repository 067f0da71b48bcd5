/**
 * The engine's own seeded pseudo-random stream for permutation inference: xoshiro128** (Blackman & Vigna 2018,
 * public domain) seeded through splitmix32, 32-bit integer arithmetic only, so a seed gives the same sequence in
 * every browser and in Node. Not for cryptography. Tests keep their own generator (tests/analysis/seededRandom.ts,
 * mulberry32) so test data and the engine's permutations never share a stream.
 */

/** The default seed of every permutation test (a result must not change between two clicks). */
export const DEFAULT_PERMUTATION_SEED = 20261204;

export interface SeededStream {
  /** Next 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform integer in [0, bound) without modulo bias (Lemire's rejection on the 32-bit product). */
  nextBelow(bound: number): number;
}

/**
 * A stream from an integer seed (any finite number; its low 32 bits are used).
 * @example const s = createSeededStream(1); s.nextBelow(6) // 0…5, the same on every machine
 */
export function createSeededStream(seed: number): SeededStream {
  let x = seed >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is the one xoshiro cannot leave
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const nextBelow = (bound: number): number => {
    if (!(bound >= 1 && bound <= 2 ** 32) || !Number.isInteger(bound)) throw new RangeError(`nextBelow: bound must be an integer in [1, 2^32], got ${bound}`);
    if (bound <= 2 ** 21) {
      // Lemire (2019) multiply-shift: r · bound < 2^53 is exact in a double; reject the 2^32 mod bound low values.
      const threshold = (2 ** 32 - bound) % bound;
      for (;;) {
        const product = nextUint32() * bound;
        const high = Math.floor(product / 2 ** 32);
        if (product - high * 2 ** 32 >= threshold) return high;
      }
    }
    const limit = 2 ** 32 - (2 ** 32 % bound); // plain rejection for the rare huge bound
    for (;;) {
      const r = nextUint32();
      if (r < limit) return r % bound;
    }
  };
  return { nextUint32, nextBelow };
}

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}
