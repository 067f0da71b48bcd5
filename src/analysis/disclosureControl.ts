/**
 * Statistical disclosure control for what a partner sees — the same rules, in the same order, as the SQL of
 * supabase/migrations/…001000_disclosure_control.sql (private.disclosed_units + private.complementary_suppression),
 * so the embedded partner package hides the same cells a share link hides (supabase/tests/disclosureParity.test.ts).
 *
 * Primary rules at k (≥ 5): a unit needs ≥ k responses from ≥ k distinct homes, and no home may hold more than ¾ of its
 * responses (dominance, art. 38 of the Polish public-statistics act); a need count is exact only when it and its
 * complement are both ≥ k, else a band. Secondary rule: no protected unit may be a linear combination of published
 * units. Units are vectors over atoms (responses in exactly the same units); a protected unit is safe when one of its
 * atoms is in no published unit, or shares its published units with an atom outside it. A greedy pass in a fixed order
 * (street < area < hex, then id) hides, for each unsafe unit, the published unit that makes it safe with the fewest
 * responses (ties: the lower index); else the one with the fewest responses among the candidates, and repeats.
 * O(protected × candidates × atoms of the unit × atoms of its smallest published unit × units per atom).
 */

import type { PreparedDataset } from './dataset';
import { hexCellOf } from './hexGrid';
import { createLocalProjection } from './localProjection';
import { areaKinds, unitLayer } from './unitLayers';

/** One response: its home (address, else point, else street), whether it has the selected need, its unit keys. */
export interface DisclosureResponse {
  readonly home: string;
  readonly hasNeed: boolean;
  /** Keys "street:<id>", "area:<id>", "hex:<q>,<r>" of every unit that counts this response. */
  readonly units: readonly string[];
}

export type NeedShown = 'exact' | 'band' | 'hidden';

export interface UnitDisclosure {
  readonly responses: number;
  readonly needCount: number;
  readonly published: boolean;
  /** null when the unit is not published. */
  readonly needShown: NeedShown | null;
  /** Inclusive bounds of the need count a reader learns (equal to needCount when exact). */
  readonly needLow: number | null;
  readonly needHigh: number | null;
}

export const MIN_DISCLOSURE_K = 5;

const KIND_RANK: Record<string, number> = { street: 1, area: 2, hex: 3 };

/** Byte order of ASCII ids (PostgreSQL's COLLATE "C"); unit ids are [a-z0-9-,] so UTF-16 order is the same. */
const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function unitOrder(a: string, b: string): number {
  const [ka, ia] = splitKey(a);
  const [kb, ib] = splitKey(b);
  return (KIND_RANK[ka] ?? 9) - (KIND_RANK[kb] ?? 9) || byBytes(ia, ib);
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(':');
  return [key.slice(0, colon), key.slice(colon + 1)];
}

export const failsPrimary = (responses: number, homes: number, largestHome: number, k: number): boolean =>
  responses < k || homes < k || largestHome * 4 > responses * 3;

export const needsBand = (responses: number, needCount: number, k: number): boolean => needCount < k || responses - needCount < k;

interface Incidence {
  /** Atoms of each unit (sorted). */
  unitAtoms: number[][];
  /** Units of each atom (sorted by unit index). */
  atomUnits: number[][];
}

/**
 * Greedy complementary suppression. `protect` holds the primary protected units (index order); returns the final
 * protected flags. Mirrors private.complementary_suppression line by line.
 */
export function complementarySuppression(weights: readonly number[], protect: readonly boolean[], incidence: Incidence): boolean[] {
  const n = weights.length;
  const result = [...protect];
  const published = protect.map((p) => !p);
  const queue: number[] = [];
  for (let u = 0; u < n; u++) if (protect[u]) queue.push(u);
  const { unitAtoms, atomUnits } = incidence;
  const inUnit = (atom: number, unit: number) => atomUnits[atom]!.includes(unit);

  const isSafe = (s: number, excl: number): boolean => {
    for (const a of unitAtoms[s]!) {
      let u0 = -1;
      for (const u of atomUnits[a]!) {
        if (published[u] && u !== excl && (u0 < 0 || unitAtoms[u]!.length < unitAtoms[u0]!.length)) u0 = u;
      }
      if (u0 < 0) return true;
      const pa = atomUnits[a]!.filter((u) => published[u] && u !== excl);
      for (const b of unitAtoms[u0]!) {
        if (inUnit(b, s)) continue;
        const pb = atomUnits[b]!.filter((u) => published[u] && u !== excl);
        if (pa.length === pb.length && pa.every((u, i) => u === pb[i])) return true;
      }
    }
    return false;
  };

  for (let head = 0; head < queue.length; head++) {
    const s = queue[head]!;
    if (unitAtoms[s]!.length === 0) continue;
    for (;;) {
      if (isSafe(s, -1)) break;
      const candidates: number[] = [];
      const add = (u: number) => { if (!candidates.includes(u)) candidates.push(u); };
      for (const a of unitAtoms[s]!) {
        let u0 = -1;
        for (const u of atomUnits[a]!) {
          if (!published[u]) continue;
          add(u);
          if (u0 < 0 || unitAtoms[u]!.length < unitAtoms[u0]!.length) u0 = u;
        }
        if (u0 < 0) continue;
        for (const b of unitAtoms[u0]!) for (const u of atomUnits[b]!) if (published[u] && u !== s) add(u);
      }
      let best = -1;
      let bestSafe = false;
      for (const c of candidates) {
        const safe = isSafe(s, c);
        if (best < 0 || (safe && !bestSafe) || (safe === bestSafe && (weights[c]! < weights[best]! || (weights[c] === weights[best] && c < best)))) {
          best = c;
          bestSafe = safe;
        }
      }
      if (best < 0) throw new Error(`complementary suppression: unit ${s} has responses but no safe state`);
      published[best] = false;
      result[best] = true;
      queue.push(best);
      if (bestSafe) break;
    }
  }
  return result;
}

/**
 * What a restricted reader may see of every unit that has responses, at threshold k (raised to at least 5; k > 5
 * starts from the k = 5 pattern, as the SQL does). Keys as in DisclosureResponse.units. Does not mutate its input.
 * @example disclosedUnits([{ home: 'a:a1', hasNeed: true, units: ['street:s-a', 'area:estate-e'] }, …], 5).get('street:s-a')
 */
export function disclosedUnits(responses: readonly DisclosureResponse[], k: number): Map<string, UnitDisclosure> {
  const keys = [...new Set(responses.flatMap((r) => r.units))].sort(unitOrder);
  const index = new Map(keys.map((key, i) => [key, i]));
  const n = keys.length;
  const count = new Array<number>(n).fill(0);
  const need = new Array<number>(n).fill(0);
  const homes = keys.map(() => new Map<string, number>());
  const atomOf = new Map<string, number>();
  const atomUnits: number[][] = [];
  for (const r of responses) {
    const units = [...new Set(r.units.map((key) => index.get(key)!))].sort((a, b) => a - b);
    for (const u of units) {
      count[u]! += 1;
      if (r.hasNeed) need[u]! += 1;
      homes[u]!.set(r.home, (homes[u]!.get(r.home) ?? 0) + 1);
    }
    const signature = units.join(',');
    if (!atomOf.has(signature)) {
      atomOf.set(signature, atomUnits.length);
      atomUnits.push(units);
    }
  }
  const unitAtoms: number[][] = keys.map(() => []);
  atomUnits.forEach((units, a) => units.forEach((u) => unitAtoms[u]!.push(a)));
  // Atom numbers differ from the SQL's (it numbers atoms by sorted signature): the result does not depend on them,
  // because every choice is made on unit indices and unit weights only.
  const incidence = { unitAtoms, atomUnits };
  let pass1 = new Array<boolean>(n).fill(false);
  let pass2 = new Array<boolean>(n).fill(false);
  const banded = new Array<boolean>(n).fill(false);
  const kk = Math.max(MIN_DISCLOSURE_K, Math.ceil(k));
  for (const step of kk > MIN_DISCLOSURE_K ? [MIN_DISCLOSURE_K, kk] : [kk]) {
    const init1 = pass1.map((p, u) => p || failsPrimary(count[u]!, homes[u]!.size, Math.max(...homes[u]!.values()), step));
    pass1 = complementarySuppression(count, init1, incidence);
    for (let u = 0; u < n; u++) banded[u] = banded[u]! || (!pass1[u] && needsBand(count[u]!, need[u]!, step));
    const init2 = pass2.map((p, u) => p || pass1[u]! || banded[u]!);
    pass2 = complementarySuppression(count, init2, incidence);
  }
  const out = new Map<string, UnitDisclosure>();
  keys.forEach((key, u) => {
    const responsesU = count[u]!;
    const needU = need[u]!;
    if (pass1[u]) {
      out.set(key, { responses: responsesU, needCount: needU, published: false, needShown: null, needLow: null, needHigh: null });
      return;
    }
    const shown: NeedShown = banded[u] ? 'band' : pass2[u] ? 'hidden' : 'exact';
    const [low, high] = shown === 'exact' ? [needU, needU] : shown === 'hidden' ? [0, responsesU] : bandBounds(responsesU, needU, step(k));
    out.set(key, { responses: responsesU, needCount: needU, published: true, needShown: shown, needLow: low, needHigh: high });
  });
  return out;
}

const step = (k: number) => Math.max(MIN_DISCLOSURE_K, Math.ceil(k));

/** The band a reader gets for a need count not shown exactly (as private.restricted_cells). */
export function bandBounds(responses: number, needCount: number, k: number): [number, number] {
  const smallNeed = needCount < k;
  const smallComplement = responses - needCount < k;
  if (smallNeed && smallComplement) return [0, responses];
  if (smallNeed) return [0, Math.min(k - 1, responses)];
  return [responses - k + 1, responses];
}

/** The hexagon grid a centre publishes (supabase public.hex_grids): size across flats in metres, origin [lng, lat]. */
export interface PublishedHexGrid {
  readonly sizeMeters: number;
  readonly originLng: number;
  readonly originLat: number;
}

/** What the package builder knows of one response beyond the prepared dataset (the workspace record). */
export interface ResponseHome {
  readonly addressId?: string | undefined;
  readonly location?: { readonly coordinates: readonly number[] } | undefined;
}

/**
 * The published hierarchy of one campaign as the engine places answers: its street unit, its areas of each kind
 * (unitLayer: one, or each of them where areas of a kind overlap), and the cell of the centre's grid (a local
 * projection at the grid's origin, hexCellOf). `homes` gives the workspace record of each response id (address id or
 * point). Keys as DisclosureResponse.units. O(responses × kinds).
 */
export function publishedMemberships(
  ds: PreparedDataset,
  campaignId: string,
  hasNeed: (responseIndex: number) => boolean,
  grid: PublishedHexGrid | null,
  homes: ReadonlyMap<string, ResponseHome>,
): DisclosureResponse[] {
  const campaign = ds.campaignIds.indexOf(campaignId);
  const kinds = areaKinds(ds);
  const layers = kinds.map((areaKind) => unitLayer(ds, { kind: 'area', areaKind }));
  const projection = grid ? createLocalProjection(grid.originLng, grid.originLat) : null;
  const out: DisclosureResponse[] = [];
  // Per layer, the next of its overlap pairs (in response order): a response in two areas of a kind is in both.
  const nextOverlap = layers.map(() => 0);
  for (let i = 0; i < ds.responseIds.length; i++) {
    const inCampaign = ds.responseCampaign[i] === campaign && campaign >= 0;
    const units: string[] = [];
    const street = ds.streetAssignment.unit[i]!;
    if (inCampaign && street >= 0) units.push(`street:${ds.streets.unitIds[street]}`);
    layers.forEach((layer, l) => {
      const u = layer.unitOfResponse[i]!;
      if (inCampaign && u >= 0) units.push(`area:${layer.unitIds[u]}`);
      const also = layer.alsoInUnits;
      if (!also) return;
      for (; nextOverlap[l]! < also.point.length && also.point[nextOverlap[l]!] === i; nextOverlap[l]!++) {
        if (inCampaign) units.push(`area:${layer.unitIds[also.area[nextOverlap[l]!]!]}`);
      }
    });
    if (!inCampaign) continue;
    const lng = ds.responseLngs[i]!;
    const lat = ds.responseLats[i]!;
    if (projection && grid && Number.isFinite(lng) && Number.isFinite(lat)) {
      const [x, y] = projection.forward(lng, lat);
      units.push(`hex:${hexCellOf(x, y, grid.sizeMeters).join(',')}`);
    }
    const record = homes.get(ds.responseIds[i]!);
    const point = record?.location?.coordinates;
    const home = record?.addressId ? `a:${record.addressId}` : point ? `p:${point[0]},${point[1]}` : street >= 0 ? `s:${ds.streets.unitIds[street]}` : `r:${ds.responseIds[i]}`;
    out.push({ home, hasNeed: hasNeed(i), units });
  }
  return out;
}
