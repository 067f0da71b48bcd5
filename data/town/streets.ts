import type { Street } from '../../src/domain';
import { toLngLat, type XY } from './frame';
import { ARTERIALS, ESTATES, PLANTED_STREET, type EstatePlan } from './layout';
import { Network } from './network';
import { StreetNamer, slugify } from './names';
import { inRect, segmentIntersection, lerp } from './planar';
import type { Rng } from './prng';

export interface StreetPlan {
  id: string;
  prefix: Street['prefix'];
  name: string;
  /** The estate whose grid the street belongs to; null for arterials. */
  estateId: string | null;
}

export interface StreetNetwork {
  plans: StreetPlan[];
  /** Per street, its lines as metric polylines (same order as the published MultiLineString). */
  lines: XY[][][];
  /** Per street line, whether each vertex is an intersection (3+ edges meet there). */
  junctions: boolean[][][];
  network: Network;
  records: Street[];
}

/** Longest reach of a street extended from an estate towards an arterial, metres. */
const MAX_LINK_METERS = 450;

/**
 * Builds every street of Dębowo: the six arterials, then a grid per estate (rows and columns split into
 * named runs, curved on garden estates, a market square in the old town), then links from each estate's
 * middle row and column to the nearest arterial; finally all crossings are noded into shared vertices.
 */
export function buildStreets(rng: Rng): StreetNetwork {
  const net = new Network();
  const namer = new StreetNamer();
  const plans: StreetPlan[] = [];
  const newStreet = (prefix: Street['prefix'], name: string, estateId: string | null): number => {
    namer.reserve(name);
    plans.push({ id: `street-${slugify(name)}`, prefix, name, estateId });
    return plans.length - 1;
  };
  const arterialSegments: Array<[XY, XY]> = [];
  for (const a of ARTERIALS) {
    net.addPath(newStreet(a.prefix, a.name, null), a.points);
    for (let i = 1; i < a.points.length; i++) arterialSegments.push([a.points[i - 1]!, a.points[i]!]);
  }
  for (const estate of ESTATES) buildEstateGrid(net, estate, rng.fork(estate.id), namer, (prefix, name) => newStreet(prefix, name, estate.id), arterialSegments);
  net.nodeAll();
  assertConnected(net);

  const deg = net.degrees();
  const nodeLines = net.streetLines(plans.length, [0, 0]);
  const lines = nodeLines.map((ls) => ls.map((l) => l.map((n) => net.nodes[n]!)));
  const junctions = nodeLines.map((ls) => ls.map((l) => l.map((n) => deg[n]! >= 3)));
  const records: Street[] = plans.map((p, i) => {
    if (nodeLines[i]!.length === 0) throw new Error(`street ${p.name} has no segments`);
    return { id: p.id, prefix: p.prefix, name: p.name, geometry: { type: 'MultiLineString', coordinates: lines[i]!.map((l) => l.map(toLngLat)) } };
  });
  return { plans, lines, junctions, network: net, records };
}

type Add = (prefix: Street['prefix'], name: string) => number;

function buildEstateGrid(net: Network, estate: EstatePlan, rng: Rng, namer: StreetNamer, add: Add, arterials: Array<[XY, XY]>): void {
  const { rect, housing, gridMeters } = estate;
  const inset = 25;
  const axis = (from: number, to: number, spacing: number): number[] => {
    const n = Math.max(1, Math.round((to - from) / spacing));
    return Array.from({ length: n + 1 }, (_, k) => {
      const v = from + ((to - from) * k) / n;
      return k === 0 || k === n ? v : v + rng.range(-0.08, 0.08) * spacing;
    });
  };
  const xs = axis(rect.x0 + inset, rect.x1 - inset, gridMeters[0]);
  const ys = axis(rect.y0 + inset, rect.y1 - inset, gridMeters[1]);
  const amp = estate.curved ? 0.16 * gridMeters[1] : 0;
  const wave = rng.range(650, 1000);
  const phase = rng.range(0, 2 * Math.PI);
  const bend = (x: number) => amp * Math.sin((2 * Math.PI * (x - rect.x0)) / wave + phase);
  const wobble = housing === 'houses' && !estate.curved ? 6 : 0;
  const nodes: XY[][] = ys.map((y, i) =>
    xs.map((x, j) => {
      const edge = i === 0 || j === 0 || i === ys.length - 1 || j === xs.length - 1;
      const w = edge ? 0 : wobble;
      return [x + rng.range(-w, w), y + bend(x) + rng.range(-w, w)];
    }),
  );
  // A row's edge between columns j and j+1, with shape points every 25 m where the row curves.
  const rowEdge = (i: number, j: number): XY[] => {
    const a = nodes[i]![j]!;
    const b = nodes[i]![j + 1]!;
    if (!estate.curved) return [a, b];
    const n = Math.max(1, Math.round((b[0] - a[0]) / 25));
    return Array.from({ length: n + 1 }, (_, k) => (k === 0 ? a : k === n ? b : [a[0] + ((b[0] - a[0]) * k) / n, ys[i]! + bend(a[0] + ((b[0] - a[0]) * k) / n)]));
  };
  const colEdge = (i: number, j: number): XY[] => [nodes[i]![j]!, nodes[i + 1]![j]!];

  // The old town's market square takes the four sides of its middle cell.
  const square = housing === 'tenements' ? { i: Math.floor((ys.length - 1) / 2), j: Math.floor((xs.length - 1) / 2) } : null;
  const rynek = square ? add('pl.', 'Rynek') : -1;
  const plantedColumn = estate.id === PLANTED_STREET.estateId ? Math.floor(xs.length / 2) : -1;

  const runsOf = (edges: number, planted: boolean): number[] => {
    if (housing !== 'houses' || planted || edges < 8) return [edges];
    if (edges < 14) {
      const k = rng.int(2, edges - 2);
      return [k, edges - k];
    }
    const k1 = rng.int(3, Math.floor(edges / 2) - 1);
    const k2 = rng.int(3, edges - k1 - 3);
    return [k1, k2, edges - k1 - k2];
  };
  const link = (street: number, from: XY, dir: XY) => {
    const to: XY = [from[0] + dir[0] * MAX_LINK_METERS, from[1] + dir[1] * MAX_LINK_METERS];
    let best: XY | null = null;
    let bestT = Infinity;
    for (const [p, q] of arterials) {
      const hit = segmentIntersection(from, to, p, q);
      if (hit && hit.t > 1e-6 && hit.t < bestT) {
        bestT = hit.t;
        best = lerp(from, to, hit.t);
      }
    }
    if (!best) return;
    const end = best;
    const crossesEstate = ESTATES.some((e) => e.id !== estate.id && Array.from({ length: 41 }, (_, k) => lerp(from, end, k / 40)).some((p) => inRect(p, e.rect)));
    if (!crossesEstate) net.addPath(street, [from, end]);
  };
  const layLine = (count: number, edgeAt: (k: number) => XY[], owner: (k: number) => number | null, planted: boolean, ends: { dirStart: XY; dirEnd: XY; linkIt: boolean }) => {
    let k = 0;
    let first = -1;
    let last = -1;
    for (const run of runsOf(count, planted)) {
      const street = planted ? add('ul.', PLANTED_STREET.name) : add('ul.', namer.next(estate.theme));
      for (let e = 0; e < run; e++, k++) {
        const s = owner(k) ?? street;
        net.addPath(s, edgeAt(k));
      }
      if (first < 0) first = street;
      last = street;
    }
    if (ends.linkIt) {
      const startEdge = edgeAt(0);
      const endEdge = edgeAt(count - 1);
      link(first, startEdge[0]!, ends.dirStart);
      link(last, endEdge[endEdge.length - 1]!, ends.dirEnd);
    }
  };
  const midRow = Math.floor(ys.length / 2);
  const midCol = Math.floor(xs.length / 2);
  ys.forEach((_, i) =>
    layLine(xs.length - 1, (j) => rowEdge(i, j), (j) => (square && (i === square.i || i === square.i + 1) && j === square.j ? rynek : null), false, {
      dirStart: [-1, 0],
      dirEnd: [1, 0],
      linkIt: housing === 'tenements' || i === midRow,
    }),
  );
  xs.forEach((_, j) =>
    layLine(ys.length - 1, (i) => colEdge(i, j), (i) => (square && (j === square.j || j === square.j + 1) && i === square.i ? rynek : null), j === plantedColumn, {
      dirStart: [0, -1],
      dirEnd: [0, 1],
      linkIt: housing === 'tenements' || j === midCol,
    }),
  );
}

/** Every node must be reachable from every other: the demo network is one connected graph. */
function assertConnected(net: Network): void {
  const adj: number[][] = net.nodes.map(() => []);
  for (const e of net.edges) {
    adj[e.a]!.push(e.b);
    adj[e.b]!.push(e.a);
  }
  const used = net.edges.length ? new Set(net.edges.flatMap((e) => [e.a, e.b])) : new Set<number>();
  const start = net.edges[0]!.a;
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length)
    for (const m of adj[stack.pop()!]!)
      if (!seen.has(m)) {
        seen.add(m);
        stack.push(m);
      }
  if (seen.size !== used.size) throw new Error(`street network is not connected: ${used.size - seen.size} nodes unreachable`);
}
