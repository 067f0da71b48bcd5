import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../src/analysis/binaryHeap';
import { createNetworkScratch, multiSourceDijkstra, networkDistanceFromUnit, networkDistanceToNearest, snapToStreetGraph, type GraphSnap } from '../../src/analysis/networkDistance';
import { pointSegmentDistanceSquared } from '../../src/analysis/segmentIndex';
import { buildStreetGraph, type StreetGraph } from '../../src/analysis/streetGraph';
import { seededRandom } from './seededRandom';

/** All-pairs shortest paths by Floyd–Warshall (O(V³)): the independent reference. */
function floydWarshall(nodeCount: number, edges: [number, number, number][]): number[][] {
  const d = Array.from({ length: nodeCount }, (_, i) => Array.from({ length: nodeCount }, (_, j) => (i === j ? 0 : Infinity)));
  for (const [a, b, w] of edges) {
    if (w < d[a]![b]!) d[a]![b] = d[b]![a] = w;
  }
  for (let k = 0; k < nodeCount; k++) for (let i = 0; i < nodeCount; i++) for (let j = 0; j < nodeCount; j++) if (d[i]![k]! + d[k]![j]! < d[i]![j]!) d[i]![j] = d[i]![k]! + d[k]![j]!;
  return d;
}

/**
 * The reference network distance: every snapped point becomes a node that splits its edge (points sorted along
 * it), Floyd–Warshall runs on that bigger graph, and the answer is offset_u + min_r (d(u, r) + offset_r).
 * It shares nothing with the code under test except the snapping (tested separately below).
 */
function referenceDistances(graph: StreetGraph, units: GraphSnap, resources: GraphSnap, isSource: Uint8Array): number[] {
  const points: { node: number; edge: number; along: number }[] = [];
  let next = graph.nodeCount;
  const unitNode = Array.from(units.edge, (e, u) => (e < 0 ? -1 : (points.push({ node: next, edge: e, along: units.along[u]! }), next++)));
  const resourceNode = Array.from(resources.edge, (e, r) => (e < 0 ? -1 : (points.push({ node: next, edge: e, along: resources.along[r]! }), next++)));
  const edges: [number, number, number][] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    const onEdge = points.filter((p) => p.edge === e).sort((a, b) => a.along - b.along);
    let previous = graph.edgeFrom[e]!;
    let previousAlong = 0;
    for (const p of onEdge) {
      edges.push([previous, p.node, p.along - previousAlong]);
      previous = p.node;
      previousAlong = p.along;
    }
    edges.push([previous, graph.edgeTo[e]!, graph.edgeLength[e]! - previousAlong]);
  }
  const d = floydWarshall(next, edges);
  return unitNode.map((un, u) => {
    if (un < 0) return Infinity;
    let best = Infinity;
    resourceNode.forEach((rn, r) => {
      if (rn >= 0 && isSource[r]) best = Math.min(best, d[un]![rn]! + resources.offset[r]!);
    });
    return best + units.offset[u]!;
  });
}

/** A random street network: nodes on a 20 m lattice, segments between random nearby pairs, some components apart. */
function randomGraph(random: () => number, nodes: number, segments: number): StreetGraph {
  const px = Array.from({ length: nodes }, () => Math.floor(random() * 30) * 20);
  const py = Array.from({ length: nodes }, () => Math.floor(random() * 30) * 20);
  const x0: number[] = [];
  const y0: number[] = [];
  const x1: number[] = [];
  const y1: number[] = [];
  for (let s = 0; s < segments; s++) {
    const a = Math.floor(random() * nodes);
    const b = Math.floor(random() * nodes);
    x0.push(px[a]!);
    y0.push(py[a]!);
    // a few end points are off by 0.3 m: they must still join (tolerance 0.5 m)
    x1.push(px[b]! + (random() < 0.2 ? 0.3 : 0));
    y1.push(py[b]!);
  }
  return buildStreetGraph(Float64Array.from(x0), Float64Array.from(y0), Float64Array.from(x1), Float64Array.from(y1));
}

describe('buildStreetGraph', () => {
  it('joins end points within 0.5 m, skips zero-length and non-finite segments', () => {
    // (0,0)–(100,0); (100.3,0)–(100.3,100) starts 0.3 m away → joined; (5,5)–(5.2,5) collapses; NaN skipped
    const g = buildStreetGraph(Float64Array.of(0, 100.3, 5, Number.NaN), Float64Array.of(0, 0, 5, 0), Float64Array.of(100, 100.3, 5.2, 1), Float64Array.of(0, 100, 5, 1));
    expect(g.edgeCount).toBe(2);
    expect(g.nodeCount).toBe(4); // (0,0), (100,0), (100.3,100), (5,5)
    expect(g.edgeTo[0]).toBe(g.edgeFrom[1]);
    expect(g.edgeLength[0]).toBe(100);
    // the joined node keeps the first coordinates (100, 0): second edge from (100,0) to (100.3,100) = √(0.09 + 10000)
    expect(g.edgeLength[1]).toBeCloseTo(Math.sqrt(0.09 + 10000), 12);
    expect(g.diagnostics).toEqual({ zeroLengthSegments: 1, nonFiniteSegments: 1, joinedEndpoints: 2 });
  });
});

describe('network distance', () => {
  it('an L-shaped street by hand', () => {
    // Streets (0,0)→(100,0)→(100,100). Unit at (10, 5): snaps to the first edge at along 10, offset 5.
    // Resource at (95, 80): snaps to the second edge at along 80, offset 5.
    // Distance = 5 + (100 − 10) + 80 + 5 = 180 m (the straight line would be √(85² + 75²) = 113.4 m).
    const g = buildStreetGraph(Float64Array.of(0, 100), Float64Array.of(0, 0), Float64Array.of(100, 100), Float64Array.of(0, 100));
    const units = snapToStreetGraph(g, [10], [5]);
    const resources = snapToStreetGraph(g, [95, 50], [80, 3]);
    expect(Array.from(units.along)).toEqual([10]);
    expect(Array.from(units.offset)).toEqual([5]);
    const out = new Float64Array(1);
    networkDistanceToNearest(g, units, resources, Uint8Array.of(1, 0), out);
    expect(out[0]).toBeCloseTo(180, 12);
    // The second resource, (50, 3), is on the unit's own edge: 5 + |10 − 50| + 3 = 48 m
    networkDistanceToNearest(g, units, resources, Uint8Array.of(1, 1), out);
    expect(out[0]).toBeCloseTo(48, 12);
    // no source → Infinity, never NaN
    networkDistanceToNearest(g, units, resources, Uint8Array.of(0, 0), out);
    expect(out[0]).toBe(Infinity);
  });

  it('snapping finds the truly nearest edge (vs a full scan)', () => {
    const random = seededRandom(8);
    const g = randomGraph(random, 40, 60);
    for (let i = 0; i < 300; i++) {
      const x = random() * 600;
      const y = random() * 600;
      const snap = snapToStreetGraph(g, [x], [y], 1e4);
      let best = Infinity;
      for (let e = 0; e < g.edgeCount; e++) {
        const d2 = pointSegmentDistanceSquared(x, y, g.nodeXs[g.edgeFrom[e]!]!, g.nodeYs[g.edgeFrom[e]!]!, g.nodeXs[g.edgeTo[e]!]!, g.nodeYs[g.edgeTo[e]!]!);
        best = Math.min(best, Math.sqrt(d2));
      }
      expect(snap.offset[0]).toBeCloseTo(best, 9);
    }
  });

  it('multi-source Dijkstra, one Dijkstra per unit and Floyd–Warshall agree on random graphs (property)', () => {
    const random = seededRandom(1234);
    let finiteCompared = 0;
    for (let trial = 0; trial < 25; trial++) {
      const g = randomGraph(random, 5 + Math.floor(random() * 25), 3 + Math.floor(random() * 40));
      const unitCount = 1 + Math.floor(random() * 25);
      const resourceCount = Math.floor(random() * 8);
      const ux = Array.from({ length: unitCount }, () => random() * 600);
      const uy = Array.from({ length: unitCount }, () => random() * 600);
      const rx = Array.from({ length: resourceCount }, () => random() * 600);
      const ry = Array.from({ length: resourceCount }, () => random() * 600);
      const units = snapToStreetGraph(g, ux, uy, 150);
      const resources = snapToStreetGraph(g, rx, ry, 150);
      const isSource = Uint8Array.from({ length: resourceCount }, () => (random() < 0.6 ? 1 : 0));
      const fast = networkDistanceToNearest(g, units, resources, isSource, new Float64Array(unitCount), 1, 0, createNetworkScratch(g, resourceCount));
      const reference = referenceDistances(g, units, resources, isSource);
      const dist = new Float64Array(g.nodeCount);
      const heap = new MinHeap();
      for (let u = 0; u < unitCount; u++) {
        const naive = networkDistanceFromUnit(g, units, u, resources, isSource, dist, heap);
        if (reference[u] === Infinity) {
          expect(fast[u]).toBe(Infinity);
          expect(naive).toBe(Infinity);
        } else {
          expect(fast[u]).toBeCloseTo(reference[u]!, 8);
          expect(naive).toBeCloseTo(reference[u]!, 8);
          finiteCompared++;
        }
      }
    }
    expect(finiteCompared).toBeGreaterThan(100); // the random networks are connected enough to test something
  });

  it('multiSourceDijkstra from one node equals Floyd–Warshall rows', () => {
    const random = seededRandom(99);
    for (let trial = 0; trial < 20; trial++) {
      const g = randomGraph(random, 5 + Math.floor(random() * 30), 5 + Math.floor(random() * 50));
      const edges: [number, number, number][] = Array.from({ length: g.edgeCount }, (_, e) => [g.edgeFrom[e]!, g.edgeTo[e]!, g.edgeLength[e]!]);
      const fw = floydWarshall(g.nodeCount, edges);
      const dist = new Float64Array(g.nodeCount);
      for (let s = 0; s < g.nodeCount; s++) {
        multiSourceDijkstra(g, [s], [0], dist);
        for (let v = 0; v < g.nodeCount; v++) {
          if (fw[s]![v] === Infinity) expect(dist[v]).toBe(Infinity);
          else expect(dist[v]).toBeCloseTo(fw[s]![v]!, 9);
        }
      }
    }
  });
});
