import { pathToFileURL } from 'node:url';
import { MinHeap } from '../src/analysis/binaryHeap';
import { dbscan } from '../src/analysis/dbscan';
import { hexContiguityWeights } from '../src/analysis/contiguityWeights';
import { getisOrdGiStar } from '../src/analysis/giStar';
import { hexCenter, hexKey } from '../src/analysis/hexGrid';
import { localMoran } from '../src/analysis/localMoran';
import type { SpatialWeights } from '../src/analysis/spatialWeights';
import { createLocalProjection } from '../src/analysis/localProjection';
import { createNetworkScratch, multiSourceDijkstra, networkDistanceToNearest, snapToStreetGraph, type GraphSnap } from '../src/analysis/networkDistance';
import { resourceCoverage, type ResourcePoints } from '../src/analysis/resourceCoverage';
import { buildStreetGraphFromStreets, type StreetGraph } from '../src/analysis/streetGraph';
import { checkSame, fmtMs, fmtRatio, printMachine, reportFailedChecks, rssMiB, timeBest, timeOnce } from './measure';
import { mulberry32, syntheticTown, TOWN_ORIGIN } from './syntheticTown';

/**
 * Hot spots and network distances against the naive way, on identical data in one run:
 *  1. Gi* with k = 8 nearest-neighbour weights on ~5,000 hexagons: kdbush kNN vs an O(n²) neighbour scan
 *     (same z-scores required), and with a 500 m distance band;
 *  2. network distance from 20,000 units to the nearest of 60 resources for each of 12 needs on a ~6,000-segment
 *     street graph: one multi-source Dijkstra per need vs one Dijkstra per unit (on a 200-unit sample,
 *     extrapolated linearly; same distances required);
 *  3. straight-line nearest resource per unit and need: kdbush vs a full scan; DBSCAN kdbush vs O(n²) region queries.
 */

const HEX_COLS = 80;
const HEX_ROWS = 63; // 5,040 cells
const UNITS = 20_000;
const RESOURCES = 60;
const NEEDS = 12;
const NAIVE_SAMPLE = 200;
const PERMUTATION_SAMPLE = 20;

/** The textbook permutation test, for the bench only: a full Fisher–Yates of the other values per unit and draw. */
function naivePermutationP(values: Float64Array, w: SpatialWeights, permutations: number, units: number, random: () => number): Float64Array {
  const n = values.length;
  const p = new Float64Array(units);
  const others = new Float64Array(n - 1);
  for (let i = 0; i < units; i++) {
    const row = Array.from(w.neighbours.subarray(w.offsets[i]!, w.offsets[i + 1]!));
    const lag = row.reduce((s, j) => s + values[j]!, 0);
    let above = 0;
    for (let r = 0; r < permutations; r++) {
      for (let j = 0, k = 0; j < n; j++) if (j !== i) others[k++] = values[j]!;
      for (let a = n - 2; a > 0; a--) {
        const b = Math.floor(random() * (a + 1));
        const t = others[a]!;
        others[a] = others[b]!;
        others[b] = t;
      }
      let s = 0;
      for (let t = 0; t < row.length; t++) s += others[t]!;
      if (s >= lag) above++;
    }
    p[i] = (above + 1) / (permutations + 1);
  }
  return p;
}

export async function main(): Promise<void> {
  printMachine(['kdbush', 'flatbush', 'typescript', 'tsx']);
  const rows: [string, string, string, string][] = [];
  const random = mulberry32(2024);

  // 1. Gi* on a hexagon field: a smooth bump (a real hot spot) plus noise.
  const n = HEX_COLS * HEX_ROWS;
  const hx = new Float64Array(n);
  const hy = new Float64Array(n);
  const values = new Float64Array(n);
  for (let r = 0, i = 0; r < HEX_ROWS; r++) {
    for (let c = 0; c < HEX_COLS; c++, i++) {
      const [x, y] = hexCenter(c - Math.floor(r / 2), r, 250);
      hx[i] = x;
      hy[i] = y;
      values[i] = Math.exp(-((x - 6000) ** 2 + (y - 5000) ** 2) / (2 * 1500 ** 2)) * 0.3 + random() * 0.2;
    }
  }
  // Neighbour search against the O(n²) scan: normal p-values (permutations: 0), so only the search differs.
  const knn = { weights: { kind: 'kNearest', k: 8 }, permutations: 0 } as const;
  const fast = timeBest(() => getisOrdGiStar(hx, hy, values, knn));
  const brute = timeOnce(() => getisOrdGiStar(hx, hy, values, { ...knn, search: 'bruteForce' }));
  const same = checkSame('Gi* kNN k=8: z-scores differ from the O(n²) scan', fast.result.zScores.every((z, i) => z === brute.result.zScores[i]));
  const hot = fast.result.giBinFdr.reduce((a, b) => a + (b >= 2 ? 1 : 0), 0);
  rows.push([`Gi* kNN k=8, ${n.toLocaleString('en')} hexagons (${hot} hot at 95 % after FDR)`, fmtMs(fast.ms), `O(n²) scan ${fmtMs(brute.ms)}`, `${fmtRatio(brute.ms / fast.ms)}${same ? '' : ' (z DIFFERS!)'}`]);
  const band = { weights: { kind: 'distanceBand', thresholdMeters: 500 }, permutations: 0 } as const;
  const fastBand = timeBest(() => getisOrdGiStar(hx, hy, values, band));
  const bruteBand = timeOnce(() => getisOrdGiStar(hx, hy, values, { ...band, search: 'bruteForce' }));
  const sameBand = checkSame('Gi* distance band 500 m: z-scores differ from the O(n²) scan', fastBand.result.zScores.every((z, i) => z === bruteBand.result.zScores[i]));
  rows.push([`Gi* distance band 500 m, ${n.toLocaleString('en')} hexagons`, fmtMs(fastBand.ms), `O(n²) scan ${fmtMs(bruteBand.ms)}`, `${fmtRatio(bruteBand.ms / fastBand.ms)}${sameBand ? '' : ' (z DIFFERS!)'}`]);

  // 1b. Permutation inference (issue 13): 999 conditional permutations over the same 5,040 hexagons, two rings
  //     (18 neighbours) — the shared draw table of permutationInference.ts vs the textbook way (per unit and
  //     permutation, shuffle all n − 1 other values and take the first |N(i)|), timed on a sample of units.
  const keys = Float64Array.from({ length: n }, (_, i) => hexKey(i % HEX_COLS - Math.floor(Math.floor(i / HEX_COLS) / 2), Math.floor(i / HEX_COLS)));
  const rings = hexContiguityWeights(keys, 2);
  const perm = timeBest(() => getisOrdGiStar(hx, hy, values, { weights: rings, permutations: 999, seed: 1 }), 3);
  const naivePerm = timeOnce(() => naivePermutationP(values, rings, 999, PERMUTATION_SAMPLE, random));
  const naivePermFull = (naivePerm.ms * n) / PERMUTATION_SAMPLE;
  const permHot = perm.result.giBinFdr.reduce((a, b) => a + (b >= 2 ? 1 : 0), 0);
  rows.push([`Gi* 999 permutations, two rings, ${n.toLocaleString('en')} hexagons (${permHot} hot after FDR)`, fmtMs(perm.ms), `shuffle per unit ${fmtMs(naivePermFull)}*`, fmtRatio(naivePermFull / perm.ms)]);
  const lisaRun = timeBest(() => localMoran(values, rings, { permutations: 999, seed: 1 }), 3);
  rows.push([`LISA 999 permutations, two rings, ${n.toLocaleString('en')} hexagons (${lisaRun.result.quadrant.filter((q) => q === 1).length} HH)`, fmtMs(lisaRun.ms), `shuffle per unit ${fmtMs(naivePermFull)}*`, fmtRatio(naivePermFull / lisaRun.ms)]);
  console.log(`target: 999 permutations over ${n.toLocaleString('en')} hexagons ≤ 300 ms in Node — Gi* ${fmtMs(perm.ms)} (${perm.ms <= 300 ? 'met' : 'NOT MET'}), LISA ${fmtMs(lisaRun.ms)} (${lisaRun.ms <= 300 ? 'met' : 'NOT MET'}); * = naive measured on ${PERMUTATION_SAMPLE} units, extrapolated linearly`);

  // 2. Network distance.
  const town = syntheticTown({ seed: 7, blocks: 55, addresses: 0, responses: 0 });
  const projection = createLocalProjection(TOWN_ORIGIN[0], TOWN_ORIGIN[1]);
  const graphBuild = timeBest(() => buildStreetGraphFromStreets(town.streets, projection), 1);
  const graph = graphBuild.result;
  const [minLng, minLat, maxLng, maxLat] = town.bbox;
  const [minX, minY] = projection.forward(minLng, minLat);
  const [maxX, maxY] = projection.forward(maxLng, maxLat);
  const ux = Float64Array.from({ length: UNITS }, () => minX + random() * (maxX - minX));
  const uy = Float64Array.from({ length: UNITS }, () => minY + random() * (maxY - minY));
  const resources: ResourcePoints = {
    xs: Float64Array.from({ length: RESOURCES }, () => minX + random() * (maxX - minX)),
    ys: Float64Array.from({ length: RESOURCES }, () => minY + random() * (maxY - minY)),
    // every need served by at least one resource (r % 12), plus two random others
    needMasks: Uint32Array.from({ length: RESOURCES }, (_, r) => (1 << r % NEEDS) | (1 << Math.floor(random() * NEEDS)) | (1 << Math.floor(random() * NEEDS))),
  };
  const snap = timeBest(() => [snapToStreetGraph(graph, ux, uy), snapToStreetGraph(graph, resources.xs, resources.ys)] as const, 1);
  const [unitSnap, resourceSnap] = snap.result;
  console.log(
    `street graph: ${graph.nodeCount.toLocaleString('en')} nodes, ${graph.edgeCount.toLocaleString('en')} edges (built in ${fmtMs(graphBuild.ms)}); ` +
      `snapping ${UNITS.toLocaleString('en')} units + ${RESOURCES} resources: ${fmtMs(snap.ms)}`,
  );
  const sources = Array.from({ length: NEEDS }, (_, j) => Uint8Array.from(resources.needMasks, (m) => (m >>> j) & 1));
  const out = new Float64Array(UNITS * NEEDS);
  const scratch = createNetworkScratch(graph, RESOURCES);
  const multi = timeBest(() => {
    for (let j = 0; j < NEEDS; j++) networkDistanceToNearest(graph, unitSnap, resourceSnap, sources[j]!, out, NEEDS, j, scratch);
    return out;
  });
  const sampleStep = Math.floor(UNITS / NAIVE_SAMPLE);
  const naiveOut = new Float64Array(NAIVE_SAMPLE * NEEDS);
  const naive = timeOnce(() => {
    const dist = new Float64Array(graph.nodeCount);
    const heap = new MinHeap(graph.nodeCount);
    for (let s = 0; s < NAIVE_SAMPLE; s++) naiveAllNeeds(graph, unitSnap, s * sampleStep, resourceSnap, resources.needMasks, dist, heap, naiveOut, s * NEEDS);
  });
  let maxDifference = 0;
  for (let s = 0; s < NAIVE_SAMPLE; s++) {
    for (let j = 0; j < NEEDS; j++) {
      const a = multi.result[s * sampleStep * NEEDS + j]!;
      const b = naiveOut[s * NEEDS + j]!;
      if (a !== b) maxDifference = Math.max(maxDifference, Number.isFinite(a) && Number.isFinite(b) ? Math.abs(a - b) : Infinity);
    }
  }
  const naiveFull = (naive.ms * UNITS) / NAIVE_SAMPLE;
  rows.push([
    `network distance, ${UNITS.toLocaleString('en')} units × ${NEEDS} needs, ${RESOURCES} resources`,
    `${fmtMs(multi.ms)} (${NEEDS} Dijkstras)`,
    `Dijkstra per unit ≈ ${fmtMs(naiveFull)} (${NAIVE_SAMPLE} measured)`,
    `${fmtRatio(naiveFull / multi.ms)}${checkSame(`network distance: differs from Dijkstra per unit by ${maxDifference} m`, maxDifference < 1e-6) ? '' : ` (distances differ by ${maxDifference} m!)`}`,
  ]);

  // 3. Straight line and DBSCAN.
  const rates = Float64Array.from({ length: UNITS * NEEDS }, () => random() * 0.5);
  const straight = timeBest(() => resourceCoverage({ unitXs: ux, unitYs: uy, needCount: NEEDS, needRates: rates, resources }));
  const scan = timeOnce(() => {
    const d = new Float64Array(UNITS * NEEDS).fill(Infinity);
    for (let u = 0; u < UNITS; u++) {
      for (let r = 0; r < RESOURCES; r++) {
        const dist = Math.hypot(resources.xs[r]! - ux[u]!, resources.ys[r]! - uy[u]!);
        for (let j = 0; j < NEEDS; j++) if ((resources.needMasks[r]! >>> j) & 1 && dist < d[u * NEEDS + j]!) d[u * NEEDS + j] = dist;
      }
    }
    return d;
  });
  const straightSame = checkSame('straight-line nearest: differs from the full scan', straight.result.straightMeters.every((d, i) => Math.abs(d - scan.result[i]!) < 1e-9));
  rows.push([`straight-line nearest + gaps, ${UNITS.toLocaleString('en')} units × ${NEEDS} needs`, fmtMs(straight.ms), `full scan ${fmtMs(scan.ms)}`, `${fmtRatio(scan.ms / straight.ms)}${straightSame ? '' : ' (DIFFERS!)'}`]);
  const withGraph = timeBest(() => resourceCoverage({ unitXs: ux, unitYs: uy, needCount: NEEDS, needRates: rates, resources }, { graph }), 1);
  rows.push([`coverage end to end (snap + 12 Dijkstras + straight + gaps)`, fmtMs(withGraph.ms), '', '']);

  // DBSCAN on 20,000 "high-need households": clumps around a few centres.
  const centres = Array.from({ length: 12 }, () => [minX + random() * (maxX - minX), minY + random() * (maxY - minY)] as const);
  const px = new Float64Array(UNITS);
  const py = new Float64Array(UNITS);
  for (let i = 0; i < UNITS; i++) {
    const c = centres[i % centres.length]!;
    const spread = random() < 0.8 ? 300 : 3000;
    px[i] = c[0] + (random() - 0.5) * spread;
    py[i] = c[1] + (random() - 0.5) * spread;
  }
  const dbFast = timeBest(() => dbscan(px, py, 50, 8));
  const dbBrute = timeOnce(() => dbscan(px, py, 50, 8, { search: 'bruteForce' }));
  const dbSame = checkSame('DBSCAN: labels differ from the O(n²) regions', dbFast.result.labels.every((l, i) => l === dbBrute.result.labels[i]));
  rows.push([`DBSCAN ε=50 m minPts=8, ${UNITS.toLocaleString('en')} points (${dbFast.result.clusterCount} clusters)`, fmtMs(dbFast.ms), `O(n²) regions ${fmtMs(dbBrute.ms)}`, `${fmtRatio(dbBrute.ms / dbFast.ms)}${dbSame ? '' : ' (labels DIFFER!)'}`]);

  console.log(`\n| step | ours | naive | ratio |\n|---|---|---|---|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`rss after: ${rssMiB().toFixed(0)} MiB`);
}

/** The naive way: one Dijkstra from unit u, then for every need the nearest resource serving it. */
function naiveAllNeeds(graph: StreetGraph, units: GraphSnap, u: number, resources: GraphSnap, needMasks: Uint32Array, dist: Float64Array, heap: MinHeap, out: Float64Array, at: number): void {
  out.fill(Infinity, at, at + NEEDS);
  const e = units.edge[u]!;
  if (e < 0) return;
  const { edgeFrom, edgeTo, edgeLength } = graph;
  const along = units.along[u]!;
  multiSourceDijkstra(graph, [edgeFrom[e]!, edgeTo[e]!], [along, edgeLength[e]! - along], dist, heap);
  for (let r = 0; r < needMasks.length; r++) {
    const f = resources.edge[r]!;
    if (f < 0) continue;
    const ra = resources.along[r]!;
    let d = Math.min(dist[edgeFrom[f]!]! + ra, dist[edgeTo[f]!]! + edgeLength[f]! - ra);
    if (f === e) d = Math.min(d, Math.abs(along - ra));
    d += resources.offset[r]! + units.offset[u]!;
    for (let j = 0; j < NEEDS; j++) if ((needMasks[r]! >>> j) & 1 && d < out[at + j]!) out[at + j] = d;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
  process.exitCode = reportFailedChecks();
}
