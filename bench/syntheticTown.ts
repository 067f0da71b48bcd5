import type { Address } from '../src/domain/address';
import type { Area } from '../src/domain/area';
import { NEED_CATEGORY_IDS } from '../src/domain/needs';
import type { Street } from '../src/domain/street';
import type { SurveyCampaign, SurveyResponse } from '../src/domain/survey';
import { seededRandom as mulberry32 } from '../tests/analysis/seededRandom';
/** mulberry32, shared with the other property tests. */
export { mulberry32 };

/**
 * A seeded synthetic town for benchmarks and property tests: a jittered street grid (each grid line one street of
 * many segments, some split into several records with the same name), addresses beside the streets, estates as
 * jagged non-overlapping polygons (some with a hole), districts as quadrants, two survey waves.
 * Coordinates are WGS84 around 19.0° E, 50.0° N (a small town in Lesser Poland); block ≈ 100 m.
 */

export interface TownOptions {
  seed?: number;
  /** Grid lines per direction; segments ≈ 2 · blocks². 55 gives ≈ 6,000 segments. */
  blocks?: number;
  addresses?: number;
  responses?: number;
  /** Estates: cols × rows of the town's box (default 8 × 5 = 40). */
  estateCols?: number;
  estateRows?: number;
  /** Vertices per estate edge (jagged boundaries); default 8. */
  estateEdgeVertices?: number;
  /** Share of responses located by a bare point (the rest by address; a few by streetId only). */
  barePointShare?: number;
}

export interface SyntheticTown {
  streets: Street[];
  addresses: Address[];
  areas: Area[];
  campaigns: SurveyCampaign[];
  responses: SurveyResponse[];
  bbox: [number, number, number, number];
}

export const TOWN_ORIGIN: [number, number] = [19.0, 50.0];
const M_PER_DEG_LAT = 111_229;
const M_PER_DEG_LNG = 71_696;
const BLOCK_METERS = 100;


const lngOf = (xMeters: number) => TOWN_ORIGIN[0] + xMeters / M_PER_DEG_LNG;
const latOf = (yMeters: number) => TOWN_ORIGIN[1] + yMeters / M_PER_DEG_LAT;
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

export function syntheticTown(options: TownOptions = {}): SyntheticTown {
  const random = mulberry32(options.seed ?? 1);
  const blocks = options.blocks ?? 20;
  const size = blocks * BLOCK_METERS;
  const jitter = () => (random() - 0.5) * 30;
  // Grid vertices with jitter, shared by the crossing streets (so intersections are real shared vertices).
  const vx: number[][] = [];
  const vy: number[][] = [];
  for (let i = 0; i <= blocks; i++) {
    vx.push([]);
    vy.push([]);
    for (let j = 0; j <= blocks; j++) {
      vx[i]!.push(i * BLOCK_METERS + jitter());
      vy[i]!.push(j * BLOCK_METERS + jitter());
    }
  }
  const pos = (i: number, j: number): [number, number] => [round7(lngOf(vx[i]![j]!)), round7(latOf(vy[i]![j]!))];
  const streets: Street[] = [];
  const addStreet = (name: string, line: [number, number][], key: string) => {
    // Every fifth street arrives as two records with the same name (first half, second half).
    if (line.length > 4 && streets.length % 5 === 0) {
      const mid = Math.floor(line.length / 2);
      streets.push({ id: `${key}a`, prefix: 'ul.', name, geometry: { type: 'MultiLineString', coordinates: [line.slice(0, mid + 1)] } });
      streets.push({ id: `${key}b`, prefix: 'ul.', name: ` ${name.toLowerCase()} `, geometry: { type: 'MultiLineString', coordinates: [line.slice(mid)] } });
    } else streets.push({ id: key, prefix: 'ul.', name, geometry: { type: 'MultiLineString', coordinates: [line] } });
  };
  for (let j = 0; j <= blocks; j++) addStreet(`Pozioma ${j}`, Array.from({ length: blocks + 1 }, (_, i) => pos(i, j)), `h${j}`);
  for (let i = 0; i <= blocks; i++) addStreet(`Pionowa ${i}`, Array.from({ length: blocks + 1 }, (_, j) => pos(i, j)), `v${i}`);

  // Addresses: beside a random horizontal or vertical segment, 8–25 m off it.
  const addressCount = options.addresses ?? 2_000;
  const addresses: Address[] = [];
  for (let k = 0; k < addressCount; k++) {
    const horizontal = random() < 0.5;
    const line = Math.floor(random() * (blocks + 1));
    const seg = Math.floor(random() * blocks);
    const t = 0.1 + random() * 0.8;
    const [ax, ay, bx, by] = horizontal
      ? [vx[seg]![line]!, vy[seg]![line]!, vx[seg + 1]![line]!, vy[seg + 1]![line]!]
      : [vx[line]![seg]!, vy[line]![seg]!, vx[line]![seg + 1]!, vy[line]![seg + 1]!];
    const off = (8 + random() * 17) * (random() < 0.5 ? -1 : 1);
    const len = Math.hypot(bx - ax, by - ay);
    const x = ax + t * (bx - ax) + (off * -(by - ay)) / len;
    const y = ay + t * (by - ay) + (off * (bx - ax)) / len;
    const streetKey = horizontal ? `h${line}` : `v${line}`;
    const streetId = streets.some((s) => s.id === streetKey) ? streetKey : `${streetKey}${t < 0.5 ? 'a' : 'b'}`;
    addresses.push({
      id: `a${k}`,
      streetId,
      houseNumber: String(k % 200 + 1),
      location: { type: 'Point', coordinates: [round7(lngOf(x)), round7(latOf(y))] },
      households: 1 + Math.floor(random() * (random() < 0.2 ? 60 : 4)),
    });
  }

  // Estates: a cols × rows partition of the box, each cell shrunk and given jagged edges; every third has a hole.
  const cols = options.estateCols ?? 8;
  const rows = options.estateRows ?? 5;
  const perEdge = options.estateEdgeVertices ?? 8;
  const areas: Area[] = [];
  const cw = size / cols;
  const ch = size / rows;
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) {
      const x0 = c * cw + cw * 0.04;
      const y0 = r * ch + ch * 0.04;
      const x1 = (c + 1) * cw - cw * 0.04;
      const y1 = (r + 1) * ch - ch * 0.04;
      const ring: [number, number][] = [];
      const corners: [number, number][] = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
      for (let e = 0; e < 4; e++) {
        const [sx, sy] = corners[e]!;
        const [tx, ty] = corners[(e + 1) % 4]!;
        for (let v = 0; v < perEdge; v++) {
          const t = v / perEdge;
          // Jag inward only, so estates never overlap.
          const inward = v === 0 ? 0 : random() * Math.min(cw, ch) * 0.03;
          const nx = -(ty - sy);
          const ny = tx - sx;
          const nl = Math.hypot(nx, ny);
          ring.push([sx + t * (tx - sx) + (inward * nx) / nl, sy + t * (ty - sy) + (inward * ny) / nl]);
        }
      }
      ring.push(ring[0]!);
      const rings: [number, number][][] = [ring];
      if ((c + r) % 3 === 0) {
        const hx = (x0 + x1) / 2;
        const hy = (y0 + y1) / 2;
        const hw = (x1 - x0) * 0.15;
        const hh = (y1 - y0) * 0.15;
        rings.push([[hx - hw, hy - hh], [hx - hw, hy + hh], [hx + hw, hy + hh], [hx + hw, hy - hh], [hx - hw, hy - hh]]);
      }
      areas.push({
        id: `estate-${String(c).padStart(2, '0')}-${r}`,
        name: `Osiedle ${c}-${r}`,
        kind: 'estate',
        parentId: `district-${c < cols / 2 ? 'w' : 'e'}${r < rows / 2 ? 's' : 'n'}`,
        geometry: { type: 'Polygon', coordinates: rings.map((ring) => ring.map(([x, y]) => [round7(lngOf(x)), round7(latOf(y))])) },
      });
    }
  }
  const half = size / 2;
  for (const [name, qx, qy] of [['ws', 0, 0], ['es', 1, 0], ['wn', 0, 1], ['en', 1, 1]] as const) {
    const x0 = qx * half - (qx === 0 ? 200 : 0);
    const y0 = qy * half - (qy === 0 ? 200 : 0);
    const x1 = x0 + half + 200;
    const y1 = y0 + half + 200;
    areas.push({
      id: `district-${name}`,
      name: `Dzielnica ${name}`,
      kind: 'district',
      geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(([x, y]) => [round7(lngOf(x!)), round7(latOf(y!))])] },
    });
  }

  const campaigns: SurveyCampaign[] = [1, 2].map((wave) => ({
    id: `wave-${wave}`,
    name: `Badanie ${wave}`,
    areaIds: areas.filter((a) => a.kind === 'district').map((a) => a.id),
    startDate: `202${wave + 2}-03-01`,
    endDate: `202${wave + 2}-05-31`,
    householdsTargeted: 1000,
    method: 'door_to_door',
    wave,
  }));

  const responseCount = options.responses ?? 1_000;
  const bare = options.barePointShare ?? 0.3;
  const responses: SurveyResponse[] = [];
  for (let k = 0; k < responseCount; k++) {
    const needs: SurveyResponse['needs'] = [];
    // Need prevalence rises to the north-east, so hot spots exist.
    for (let j = 0; j < NEED_CATEGORY_IDS.length; j++) if (random() < 0.08 + 0.04 * (j % 3)) needs.push({ category: NEED_CATEGORY_IDS[j]!, severity: (1 + Math.floor(random() * 3)) as 1 | 2 | 3 });
    const base = { id: `r${k}`, campaignId: `wave-${1 + (k % 2)}`, date: '2024-04-01', householdSize: 1 + (k % 5), needs, nuisances: [], offers: [] };
    const u = random();
    if (u < bare) {
      const x = random() * size;
      const y = random() * size;
      responses.push({ ...base, location: { type: 'Point', coordinates: [lngOf(x), latOf(y)] } });
    } else if (u < bare + 0.03) {
      responses.push({ ...base, streetId: streets[Math.floor(random() * streets.length)]!.id });
    } else {
      responses.push({ ...base, addressId: `a${Math.floor(random() * addressCount)}` });
    }
  }
  return { streets, addresses, areas, campaigns, responses, bbox: [lngOf(-50), latOf(-50), lngOf(size + 50), latOf(size + 50)] };
}
