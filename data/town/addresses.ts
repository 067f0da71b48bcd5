import type { Address } from '../../src/domain';
import { pointAt, type XY } from './frame';
import { ESTATES, PLANTED_STREET, type EstatePlan, type Housing } from './layout';
import { dist, inRect, pointInRing, pointSegmentDistance } from './planar';
import type { Rng } from './prng';
import type { StreetNetwork } from './streets';

/** An address record with what the generator knows about it besides the schema fields. */
export interface AddressPlan {
  /** The demo town knows every address's households (a real register may not: Address.households is optional). */
  record: Address & { households: number };
  xy: XY;
  estateId: string;
  streetIndex: number;
}

interface HousingRules {
  /** Frontage of one plot along the street, metres. */
  spacing: [number, number];
  /** No building this close to a crossroads, metres. */
  clearOfJunction: number;
  households: (rng: Rng) => number;
}

/** Plot sizes and households per building by housing type (GUS: single-family 1–2 households; blocks 20–80). */
const RULES: Record<Housing, HousingRules> = {
  houses: { spacing: [28, 36], clearOfJunction: 18, households: (rng) => [1, 2, 3][rng.weighted([0.87, 0.11, 0.02])]! },
  tenements: { spacing: [16, 22], clearOfJunction: 13, households: (rng) => rng.int(2, 5) + (rng.chance(0.3) ? rng.int(1, 4) : 0) },
  blocks: {
    spacing: [140, 200],
    clearOfJunction: 40,
    households: (rng) => [rng.int(20, 34), rng.int(35, 49), rng.int(50, 64), rng.int(65, 80)][rng.weighted([0.38, 0.38, 0.16, 0.08])]!,
  },
};

const OFFSET_METERS: [number, number] = [12, 20];
const MIN_SEPARATION_METERS = 10;
const CLEAR_OF_OTHER_STREETS_METERS = 9;

/**
 * Lays out numbered buildings along every street: odd numbers on the left of the street's direction,
 * even on the right, 12–20 m off the centreline, only inside estates, clear of crossroads, other streets
 * and each other. Numbering runs from the end nearest the town centre, as Polish streets usually do.
 */
export function placeAddresses(streets: StreetNetwork, rng: Rng): AddressPlan[] {
  const out: AddressPlan[] = [];
  const taken = new SpatialHash(MIN_SEPARATION_METERS);
  const segments = new SegmentHash(50);
  streets.lines.forEach((lines, s) => lines.forEach((l) => l.forEach((p, k) => k > 0 && segments.add(s, l[k - 1]!, p))));
  const estateAt = (p: XY): EstatePlan | undefined => ESTATES.find((e) => inRect(p, e.rect));

  streets.plans.forEach((plan, s) => {
    const slug = plan.id.replace(/^street-/, '');
    const next = [1, 2];
    const r = rng.fork(plan.id);
    streets.lines[s]!.forEach((line, li) => {
      const junctions = line.filter((_, k) => streets.junctions[s]![li]![k]);
      const closed = line.length > 3 && dist(line[0]!, line[line.length - 1]!) < 0.01;
      const nextAt = [0, 0];
      walk(line, 3, (p, tangent, along) => {
        for (const side of [0, 1]) {
          if (along < nextAt[side]!) continue;
          const sign = side === 0 ? 1 : -1;
          const normal: XY = [-tangent[1] * sign, tangent[0] * sign];
          const offset = r.range(OFFSET_METERS[0], OFFSET_METERS[1]);
          const q: XY = [p[0] + normal[0] * offset, p[1] + normal[1] * offset];
          const estate = estateAt(q);
          if (!estate) continue;
          const rules = RULES[estate.housing];
          if (junctions.some((j) => dist(j, p) < rules.clearOfJunction)) continue;
          if (closed && pointInRing(q, line)) continue;
          if (taken.near(q) || segments.near(q, CLEAR_OF_OTHER_STREETS_METERS, s)) continue;
          const n = next[side]!;
          next[side] = n + 2;
          nextAt[side] = along + r.range(rules.spacing[0], rules.spacing[1]);
          taken.add(q);
          out.push(plan1(`${n}`, q, rules.households(r), estate.id));
          if (estate.housing === 'houses' && r.chance(0.035)) {
            const back: XY = [q[0] + normal[0] * 16 + tangent[0] * 4, q[1] + normal[1] * 16 + tangent[1] * 4];
            if (estateAt(back) === estate && !taken.near(back) && !segments.near(back, CLEAR_OF_OTHER_STREETS_METERS, -1)) {
              taken.add(back);
              out.push(plan1(`${n}A`, back, 1, estate.id));
            }
          }
        }
      });
    });
    function plan1(houseNumber: string, xy: XY, households: number, estateId: string): AddressPlan {
      return { record: { id: `addr-${slug}-${houseNumber.toLowerCase()}`, streetId: plan.id, houseNumber, location: pointAt(xy), households }, xy, estateId, streetIndex: s };
    }
  });
  plantStreetHouseholds(out, streets, rng.fork('planted-street'));
  return out;
}

/** Sets the planted street's households to exactly PLANTED_STREET.households (2 each, then adjusted one by one). */
function plantStreetHouseholds(addresses: AddressPlan[], streets: StreetNetwork, rng: Rng): void {
  const s = streets.plans.findIndex((p) => p.name === PLANTED_STREET.name);
  const own = addresses.filter((a) => a.streetIndex === s);
  if (own.length * 4 < PLANTED_STREET.households || own.length > PLANTED_STREET.households) throw new Error(`planted street has ${own.length} addresses`);
  for (const a of own) a.record.households = 2;
  let total = own.length * 2;
  while (total !== PLANTED_STREET.households) {
    const a = rng.pick(own);
    const h = a.record.households + (total < PLANTED_STREET.households ? 1 : -1);
    if (h < 1 || h > 4) continue;
    total += h - a.record.households;
    a.record.households = h;
  }
}

/** Calls `visit` every `stepMeters` along a polyline with the point, unit tangent and distance from the start. */
function walk(line: readonly XY[], stepMeters: number, visit: (p: XY, tangent: XY, along: number) => void): void {
  let along = 0;
  let next = 0;
  for (let k = 1; k < line.length; k++) {
    const a = line[k - 1]!;
    const b = line[k]!;
    const len = dist(a, b);
    if (len === 0) continue;
    const tangent: XY = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
    while (next <= along + len) {
      const t = next - along;
      visit([a[0] + tangent[0] * t, a[1] + tangent[1] * t], tangent, next);
      next += stepMeters;
    }
    along += len;
  }
}

/** Points hashed into square cells of `radius`; `near` answers "is any point within radius" in O(1). */
class SpatialHash {
  private readonly cells = new Map<string, XY[]>();
  constructor(private readonly radius: number) {}
  private key(i: number, j: number) {
    return `${i}:${j}`;
  }
  add(p: XY): void {
    const k = this.key(Math.floor(p[0] / this.radius), Math.floor(p[1] / this.radius));
    this.cells.set(k, [...(this.cells.get(k) ?? []), p]);
  }
  near(p: XY): boolean {
    const i = Math.floor(p[0] / this.radius);
    const j = Math.floor(p[1] / this.radius);
    for (let di = -1; di <= 1; di++) for (let dj = -1; dj <= 1; dj++) for (const q of this.cells.get(this.key(i + di, j + dj)) ?? []) if (dist(p, q) < this.radius) return true;
    return false;
  }
}

/** Street segments hashed by the cells their bounding boxes touch. */
class SegmentHash {
  private readonly cells = new Map<string, Array<{ street: number; a: XY; b: XY }>>();
  constructor(private readonly cell: number) {}
  add(street: number, a: XY, b: XY): void {
    for (let i = Math.floor(Math.min(a[0], b[0]) / this.cell); i <= Math.floor(Math.max(a[0], b[0]) / this.cell); i++)
      for (let j = Math.floor(Math.min(a[1], b[1]) / this.cell); j <= Math.floor(Math.max(a[1], b[1]) / this.cell); j++) {
        const k = `${i}:${j}`;
        const list = this.cells.get(k) ?? [];
        list.push({ street, a, b });
        this.cells.set(k, list);
      }
  }
  /** Is a segment of a street other than `exceptStreet` within `meters` of p? */
  near(p: XY, meters: number, exceptStreet: number): boolean {
    const i = Math.floor(p[0] / this.cell);
    const j = Math.floor(p[1] / this.cell);
    for (let di = -1; di <= 1; di++)
      for (let dj = -1; dj <= 1; dj++)
        for (const s of this.cells.get(`${i + di}:${j + dj}`) ?? []) if (s.street !== exceptStreet && pointSegmentDistance(p, s.a, s.b) < meters) return true;
    return false;
  }
}
