/**
 * The attacker's arithmetic: can a vector over "atoms" (groups of responses that sit in exactly the same units) be
 * written as a linear combination of the published units' vectors? If it can, its sum (responses, or need count) is
 * derivable by adding and subtracting published figures — differencing.
 *
 * Exact test by Gaussian elimination modulo two primes (2^31 − 1 and 2^31 − 19; products stay below 2^62, so BigInt
 * is not needed… except that JavaScript numbers hold 2^53: multiplication is done in BigInt). v ∈ span_Q(P) implies
 * v ∈ span_GF(p)(P) for every prime p not dividing the denominators of one rational solution, so "not in the span modulo
 * p" for either prime proves "not in the rational span" unless p divides those denominators; for two primes of this
 * size and 0/1 matrices of a few hundred rows that is not a practical concern. O(rows² × atoms) once, O(rows × atoms)
 * per query.
 */

const PRIMES = [2147483647n, 2147483629n] as const;

function modInverse(a: bigint, p: bigint): bigint {
  // Fermat: a^(p−2) mod p.
  let result = 1n;
  let base = ((a % p) + p) % p;
  let e = p - 2n;
  while (e > 0n) {
    if (e & 1n) result = (result * base) % p;
    base = (base * base) % p;
    e >>= 1n;
  }
  return result;
}

/** Row-reduced basis of the published rows modulo p, for span-membership queries. */
class Basis {
  private readonly rows: { pivot: number; values: bigint[] }[] = [];
  constructor(private readonly p: bigint, private readonly width: number) {}

  /** Reduces v by the basis; returns the remainder (all zero iff v is in the span). */
  reduce(v: readonly bigint[]): bigint[] {
    const r = v.map((x) => ((x % this.p) + this.p) % this.p);
    for (const row of this.rows) {
      const f = r[row.pivot]!;
      if (f === 0n) continue;
      for (let j = 0; j < this.width; j++) if (row.values[j] !== 0n) r[j] = (((r[j]! - f * row.values[j]!) % this.p) + this.p) % this.p;
    }
    return r;
  }

  add(v: readonly bigint[]): void {
    const r = this.reduce(v);
    const pivot = r.findIndex((x) => x !== 0n);
    if (pivot < 0) return;
    const inv = modInverse(r[pivot]!, this.p);
    const values = r.map((x) => (x * inv) % this.p);
    // Keep the basis fully reduced on its pivots so that reduce() needs one pass.
    for (const row of this.rows) {
      const f = row.values[pivot]!;
      if (f !== 0n) for (let j = 0; j < this.width; j++) row.values[j] = (((row.values[j]! - f * values[j]!) % this.p) + this.p) % this.p;
    }
    this.rows.push({ pivot, values });
  }

  get rank(): number {
    return this.rows.length;
  }
}

export interface SpanOracle {
  readonly rank: number;
  /** True when the 0/1 vector of these atoms is a linear combination of the published units. */
  derivable(atoms: Iterable<number>): boolean;
}

/**
 * @param width number of atoms (indices 0 … width − 1)
 * @param published each published unit as the list of its atom indices
 */
export function spanOracle(width: number, published: readonly (readonly number[])[]): SpanOracle {
  const bases = PRIMES.map((p) => new Basis(p, width));
  for (const unit of published) {
    const v = new Array<bigint>(width).fill(0n);
    for (const a of unit) v[a] = 1n;
    for (const b of bases) b.add(v);
  }
  return {
    rank: bases[0]!.rank,
    derivable(atoms) {
      const v = new Array<bigint>(width).fill(0n);
      for (const a of atoms) v[a] = 1n;
      // Derivable only if in the span modulo both primes (either remainder non-zero proves it is not).
      return bases.every((b) => b.reduce(v).every((x) => x === 0n));
    },
  };
}
