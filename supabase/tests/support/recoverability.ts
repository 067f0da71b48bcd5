/**
 * The attacker's arithmetic: can a vector over "atoms" (groups of responses that sit in exactly the same units) be
 * written as a linear combination of the published units' vectors? If it can, its sum (responses, or need count) is
 * derivable by adding and subtracting published figures — differencing, with any coefficients.
 *
 * Exact test by Gaussian elimination modulo two primes below 2^26 (products stay below 2^52, exact in a double).
 * v ∈ span_Q(P) implies v ∈ span_GF(p)(P) for every prime p that divides no denominator of one rational solution,
 * so "not in the span modulo p" proves "not in the rational span" except in that case; two primes are used and a
 * vector counts as derivable when either says so (the attacker's side of the doubt). O(rank × atoms) per vector.
 */

export const PRIMES = [67_108_859, 67_108_837] as const; // 2^26 − 5, 2^26 − 27

export function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

const mod = (a: number, p: number) => ((a % p) + p) % p;

function modInverse(a: number, p: number): number {
  // Extended Euclid on numbers below 2^26.
  let [r0, r1] = [mod(a, p), p];
  let [s0, s1] = [1, 0];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, p);
}

/** Row-reduced basis modulo p: every stored row is 1 on its pivot and 0 on every other row's pivot. */
class Basis {
  private readonly rows: { pivot: number; values: Float64Array }[] = [];
  constructor(private readonly p: number, private readonly width: number) {}

  reduce(v: Float64Array): Float64Array {
    const r = Float64Array.from(v, (x) => mod(x, this.p));
    for (const row of this.rows) {
      const f = r[row.pivot]!;
      if (f === 0) continue;
      const values = row.values;
      for (let j = 0; j < this.width; j++) if (values[j] !== 0) r[j] = mod(r[j]! - f * values[j]!, this.p);
    }
    return r;
  }

  add(v: Float64Array): void {
    const r = this.reduce(v);
    const pivot = r.findIndex((x) => x !== 0);
    if (pivot < 0) return;
    const inv = modInverse(r[pivot]!, this.p);
    const values = r.map((x) => (x * inv) % this.p);
    for (const row of this.rows) {
      const f = row.values[pivot]!;
      if (f !== 0) for (let j = 0; j < this.width; j++) if (values[j] !== 0) row.values[j] = mod(row.values[j]! - f * values[j]!, this.p);
    }
    this.rows.push({ pivot, values });
  }

  get rank(): number {
    return this.rows.length;
  }
}

export interface SpanOracle {
  readonly rank: number;
  /** True when the 0/1 vector of these atoms is a linear combination of the published units (modulo either prime). */
  derivable(atoms: Iterable<number>): boolean;
}

/**
 * @param width number of atoms (indices 0 … width − 1)
 * @param published each published unit as the list of its atom indices
 */
export function spanOracle(width: number, published: readonly (readonly number[])[]): SpanOracle {
  const bases = PRIMES.map((p) => new Basis(p, width));
  const vector = (atoms: Iterable<number>) => {
    const v = new Float64Array(width);
    for (const a of atoms) v[a] = 1;
    return v;
  };
  for (const unit of published) {
    const v = vector(unit);
    for (const b of bases) b.add(v);
  }
  return {
    rank: bases[0]!.rank,
    derivable(atoms) {
      const v = vector(atoms);
      return bases.some((b) => b.reduce(v).every((x) => x === 0));
    },
  };
}
