import type { MultiPolygonGeometry, PolygonGeometry, Position } from '../domain/geometry';
import type { NeedCategoryId } from '../domain/needs';
import { hexKeyQ, hexKeyR, hexNeighbourKeys } from './hexGrid';
import type { LocalProjection } from './localProjection';
import type { UnitAggregates } from './unitAggregates';

/**
 * Problem clusters: significant hot hexagons (Gi_Bin ≥ +2 by default, i.e. 95 % confidence) that touch
 * each other are merged into one cluster (breadth-first search over hexNeighbourKeys), drawn as the outline
 * of the union of its cells, and summarised (cells, households, responses, main needs).
 *
 * The outline is exact and needs no polygon clipping: every cell edge whose neighbour across it is not in the
 * cluster is on the boundary. Corners are kept on an integer lattice — corner i of cell (q, r) is
 *   X = 2q + r + (1, 0, −1, −1, 0, 1)[i],   Y = 3r + (1, 2, 1, −1, −2, −1)[i]
 * in units of (size/2, size/(2√3)) metres, matching hexPolygon's corners at 30° + 60°·i — so shared corners
 * are identical numbers and edges chain without tolerance. In a hexagonal tiling each boundary corner has
 * exactly one outgoing boundary edge, so chaining is unambiguous. Edges run counter-clockwise around each cell,
 * which makes outer rings counter-clockwise and holes clockwise, as RFC 7946 asks.
 * Cost: O(cells) expected (hash lookups).
 */

export interface NeedShare {
  needId: NeedCategoryId;
  /** Responses in the cluster reporting the need. */
  count: number;
  /** count / responses in the cluster (0 with no responses). */
  rate: number;
}

export interface ProblemCluster {
  /** Stable id from the cluster's smallest cell: `hotcluster:q:r`. */
  id: string;
  /** Unit indices (into the aggregates), ascending. */
  units: number[];
  cells: number;
  households: number;
  responses: number;
  /** The needs reported most (by rate or count), most first; needs nobody reported are left out. */
  topNeeds: NeedShare[];
  /** Outline in [lng, lat]: a Polygon (with holes if the cluster encloses cold cells), MultiPolygon if needed. */
  geometry: PolygonGeometry | MultiPolygonGeometry;
  /** Mean of the cell centres, [lng, lat] (for a label). */
  center: [lng: number, lat: number];
}

export interface HotSpotClusterOptions {
  /** Cells with giBin ≥ minBin are hot enough (default 2). */
  minBin?: number;
  /** How many needs to list (default 3). */
  topNeeds?: number;
  /** Order of the needs: by rate (default) or by count. */
  rankNeedsBy?: 'rate' | 'count';
}

export interface HotSpotClusters {
  /** Cluster index per unit (into `clusters`), −1 if not in a cluster. */
  clusterOfUnit: Int32Array;
  /** Ordered by their smallest cell key (so the order does not depend on the input order). */
  clusters: ProblemCluster[];
}

type HexAggregates = Pick<UnitAggregates, 'unitCount' | 'households' | 'responses' | 'needCounts' | 'needIds' | 'needCount' | 'hexKeys' | 'hexSizeMeters'>;

const CORNER_DX: readonly number[] = [1, 0, -1, -1, 0, 1];
const CORNER_DY: readonly number[] = [1, 2, 1, -1, -2, -1];
// Corner keys (X + 2^25) · 2^26 + (Y + 2^25) stay below 2^51 (exact in a double) for |q|, |r| < 2^23 cells,
// i.e. 2 000 km of 250 m cells: any town.
const LATTICE_OFFSET = 2 ** 25;
const LATTICE_SPAN = 2 ** 26;

/**
 * Merges hot hexagons into clusters. `giBin` per unit (giStar.ts; pass giBinFdr for FDR-corrected classes);
 * `agg` must be hexagon aggregates (hexKeys and hexSizeMeters set). Inputs are read only.
 * @example hotSpotClusters(hexAgg, gi.giBinFdr, projection).clusters[0].geometry // Polygon in [lng, lat]
 */
export function hotSpotClusters(agg: HexAggregates, giBin: Int8Array, projection: LocalProjection, options: HotSpotClusterOptions = {}): HotSpotClusters {
  const { hexKeys, hexSizeMeters } = agg;
  if (!hexKeys || !hexSizeMeters) throw new Error('hotSpotClusters needs hexagon aggregates (hexKeys and hexSizeMeters)');
  const n = agg.unitCount;
  if (giBin.length !== n) throw new RangeError('hotSpotClusters: giBin length differs from the unit count');
  const minBin = options.minBin ?? 2;
  const unitOfKey = new Map<number, number>();
  const hot: number[] = [];
  for (let u = 0; u < n; u++) {
    if (giBin[u]! >= minBin && hexKeys[u]! >= 0) {
      unitOfKey.set(hexKeys[u]!, u);
      hot.push(u);
    }
  }
  hot.sort((a, b) => hexKeys[a]! - hexKeys[b]!);

  const clusterOfUnit = new Int32Array(n).fill(-1);
  const clusters: ProblemCluster[] = [];
  const neighbourKeys = new Float64Array(6);
  for (const start of hot) {
    if (clusterOfUnit[start] !== -1) continue;
    const label = clusters.length;
    const members = [start];
    clusterOfUnit[start] = label;
    for (let head = 0; head < members.length; head++) {
      hexNeighbourKeys(hexKeys[members[head]!]!, neighbourKeys);
      for (let d = 0; d < 6; d++) {
        const v = unitOfKey.get(neighbourKeys[d]!);
        if (v !== undefined && clusterOfUnit[v] === -1) {
          clusterOfUnit[v] = label;
          members.push(v);
        }
      }
    }
    members.sort((a, b) => hexKeys[a]! - hexKeys[b]!);
    clusters.push(summarise(agg, members, clusterOutline(members, hexKeys, unitOfKey, clusterOfUnit, label, hexSizeMeters, projection), projection, options));
  }
  return { clusterOfUnit, clusters };
}

function summarise(agg: HexAggregates, members: number[], geometry: PolygonGeometry | MultiPolygonGeometry, projection: LocalProjection, options: HotSpotClusterOptions): ProblemCluster {
  const size = agg.hexSizeMeters!;
  const keys = agg.hexKeys!;
  let households = 0;
  let responses = 0;
  let sx = 0;
  let sy = 0;
  const counts = new Float64Array(agg.needCount);
  for (const u of members) {
    households += agg.households[u]!;
    responses += agg.responses[u]!;
    for (let j = 0; j < agg.needCount; j++) counts[j]! += agg.needCounts[u * agg.needCount + j]!;
    const q = hexKeyQ(keys[u]!);
    const r = hexKeyR(keys[u]!);
    sx += size * (q + r / 2);
    sy += size * (Math.sqrt(3) / 2) * r;
  }
  const byCount = options.rankNeedsBy === 'count';
  const needs: NeedShare[] = [];
  for (let j = 0; j < agg.needCount; j++) {
    if (counts[j]! > 0) needs.push({ needId: agg.needIds[j]!, count: counts[j]!, rate: responses > 0 ? counts[j]! / responses : 0 });
  }
  // Rate and count order the same within one cluster (one denominator); both keys kept for clarity, ties by column.
  needs.sort((a, b) => (byCount ? b.count - a.count : b.rate - a.rate) || agg.needIds.indexOf(a.needId) - agg.needIds.indexOf(b.needId));
  const first = keys[members[0]!]!;
  return {
    id: `hotcluster:${hexKeyQ(first)}:${hexKeyR(first)}`,
    units: members,
    cells: members.length,
    households,
    responses,
    topNeeds: needs.slice(0, options.topNeeds ?? 3),
    geometry,
    center: projection.inverse(sx / members.length, sy / members.length),
  };
}

/** The union's boundary rings, chained on the integer corner lattice, as GeoJSON in [lng, lat]. */
function clusterOutline(
  members: number[],
  hexKeys: Float64Array,
  unitOfKey: Map<number, number>,
  clusterOfUnit: Int32Array,
  label: number,
  size: number,
  projection: LocalProjection,
): PolygonGeometry | MultiPolygonGeometry {
  const next = new Map<number, number>(); // boundary edge start corner → end corner
  const neighbourKeys = new Float64Array(6);
  for (const u of members) {
    const q = hexKeyQ(hexKeys[u]!);
    const r = hexKeyR(hexKeys[u]!);
    hexNeighbourKeys(hexKeys[u]!, neighbourKeys);
    for (let d = 0; d < 6; d++) {
      const v = unitOfKey.get(neighbourKeys[d]!);
      if (v !== undefined && clusterOfUnit[v] === label) continue; // shared with a cell of this cluster: inside
      const from = (d + 5) % 6; // the edge facing neighbour d runs from corner d − 1 to corner d
      next.set(latticeKey(2 * q + r + CORNER_DX[from]!, 3 * r + CORNER_DY[from]!), latticeKey(2 * q + r + CORNER_DX[d]!, 3 * r + CORNER_DY[d]!));
    }
  }
  const outers: number[][][] = [];
  const holes: number[][][] = [];
  for (const startKey of next.keys()) {
    if (!next.has(startKey)) continue;
    const ring: number[][] = [];
    let key = startKey;
    do {
      ring.push([latticeX(key), latticeY(key)]);
      const to = next.get(key);
      if (to === undefined) throw new Error('broken invariant: open hexagon boundary');
      next.delete(key);
      key = to;
    } while (key !== startKey);
    ring.push([ring[0]![0]!, ring[0]![1]!]);
    (signedArea2(ring) > 0 ? outers : holes).push(ring);
  }
  const polygons = outers.map((outer) => [outer]);
  for (const hole of holes) {
    const owner = polygons.find((p) => containsPoint(p[0]!, hole[0]![0]!, hole[0]![1]!)) ?? polygons[0]!;
    owner.push(hole);
  }
  const toLngLat = (ring: number[][]): Position[] => ring.map(([X, Y]) => projection.inverse((X! * size) / 2, (Y! * size) / (2 * Math.sqrt(3))));
  const coordinates = polygons.map((p) => p.map(toLngLat));
  return coordinates.length === 1 ? { type: 'Polygon', coordinates: coordinates[0]! } : { type: 'MultiPolygon', coordinates };
}

function latticeKey(x: number, y: number): number {
  return (x + LATTICE_OFFSET) * LATTICE_SPAN + (y + LATTICE_OFFSET);
}
function latticeX(key: number): number {
  return Math.floor(key / LATTICE_SPAN) - LATTICE_OFFSET;
}
function latticeY(key: number): number {
  return (key % LATTICE_SPAN) - LATTICE_OFFSET;
}

/** Twice the signed area (shoelace); > 0 for counter-clockwise rings. Exact on the integer lattice. */
function signedArea2(ring: number[][]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return a;
}

/** Even–odd ray casting. Exact for our rings: every boundary corner belongs to one ring only, so a hole's corner is never on its outer ring. */
function containsPoint(ring: number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}
