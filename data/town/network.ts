import type { XY } from './frame';
import { dist, lerp, segmentIntersection } from './planar';

interface Edge {
  a: number;
  b: number;
  /** Index of the street the edge belongs to. */
  street: number;
}

/**
 * The street network as a planar graph in metres: nodes (deduplicated to 1 cm) and straight edges, each
 * owned by one street. Streets that cross share a node (`nodeAll`), so a street graph can be rebuilt
 * from the shared vertices of the published MultiLineStrings.
 */
export class Network {
  readonly nodes: XY[] = [];
  edges: Edge[] = [];
  private readonly index = new Map<string, number>();

  node(p: XY): number {
    const key = `${Math.round(p[0] * 100)}:${Math.round(p[1] * 100)}`;
    const found = this.index.get(key);
    if (found !== undefined) return found;
    this.nodes.push([p[0], p[1]]);
    this.index.set(key, this.nodes.length - 1);
    return this.nodes.length - 1;
  }

  /** Adds the path through `points` (metres) to `street`. */
  addPath(street: number, points: readonly XY[]): number[] {
    const ids = points.map((p) => this.node(p));
    this.addNodePath(street, ids);
    return ids;
  }

  addNodePath(street: number, ids: readonly number[]): void {
    for (let i = 1; i < ids.length; i++) if (ids[i - 1] !== ids[i]) this.edges.push({ a: ids[i - 1]!, b: ids[i]!, street });
  }

  /**
   * Splits edges where they cross or touch so that every crossing is a shared node.
   * Sweep over x-sorted bounding boxes: O(n log n + k) for n edges and k candidate pairs.
   * A crossing within `snapMeters` of an edge end reuses that end (T-junctions).
   */
  nodeAll(snapMeters = 0.5): void {
    const n = this.edges.length;
    const box = this.edges.map((e) => {
      const p = this.nodes[e.a]!;
      const q = this.nodes[e.b]!;
      return [Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1])] as const;
    });
    const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => box[i]![0] - box[j]![0] || i - j);
    const splits: Array<Array<{ t: number; node: number }>> = this.edges.map(() => []);
    for (let oi = 0; oi < n; oi++) {
      const i = order[oi]!;
      const bi = box[i]!;
      for (let oj = oi + 1; oj < n; oj++) {
        const j = order[oj]!;
        const bj = box[j]!;
        if (bj[0] > bi[2] + snapMeters) break;
        if (bj[1] > bi[3] + snapMeters || bj[3] < bi[1] - snapMeters) continue;
        const ei = this.edges[i]!;
        const ej = this.edges[j]!;
        if (ei.a === ej.a || ei.a === ej.b || ei.b === ej.a || ei.b === ej.b) continue;
        const p1 = this.nodes[ei.a]!;
        const p2 = this.nodes[ei.b]!;
        const p3 = this.nodes[ej.a]!;
        const p4 = this.nodes[ej.b]!;
        const hit = segmentIntersection(p1, p2, p3, p4, snapMeters / Math.max(1e-9, Math.min(dist(p1, p2), dist(p3, p4))));
        if (!hit) continue;
        const at = lerp(p1, p2, hit.t);
        const ends = [ei.a, ei.b, ej.a, ej.b];
        const snapped = ends.find((k) => dist(this.nodes[k]!, at) < snapMeters);
        const node = snapped ?? this.node(at);
        if (node !== ei.a && node !== ei.b) splits[i]!.push({ t: hit.t, node });
        if (node !== ej.a && node !== ej.b) splits[j]!.push({ t: hit.u, node });
      }
    }
    const next: Edge[] = [];
    this.edges.forEach((e, i) => {
      const cuts = splits[i]!.sort((x, y) => x.t - y.t);
      let from = e.a;
      for (const c of cuts) {
        if (c.node !== from) next.push({ a: from, b: c.node, street: e.street });
        from = c.node;
      }
      if (from !== e.b) next.push({ a: from, b: e.b, street: e.street });
    });
    this.edges = next;
  }

  /** How many edges meet at each node (3 or more: an intersection). */
  degrees(): Uint16Array {
    const deg = new Uint16Array(this.nodes.length);
    for (const e of this.edges) {
      deg[e.a]!++;
      deg[e.b]!++;
    }
    return deg;
  }

  /**
   * Each street's edges chained into as few lines as possible (node ids). A walk starts at a dead end
   * (odd degree within the street) nearest to `start`, and at every node continues along the straightest
   * unused edge; what is left (rings such as a market square) is walked from its lowest node.
   */
  streetLines(streetCount: number, start: XY): number[][][] {
    const byStreet: number[][] = Array.from({ length: streetCount }, () => []);
    this.edges.forEach((e, i) => byStreet[e.street]!.push(i));
    return byStreet.map((edgeIds) => {
      const incident = new Map<number, number[]>();
      for (const id of edgeIds) {
        const e = this.edges[id]!;
        for (const v of [e.a, e.b]) incident.set(v, [...(incident.get(v) ?? []), id]);
      }
      const used = new Set<number>();
      const lines: number[][] = [];
      const free = (v: number) => (incident.get(v) ?? []).filter((id) => !used.has(id));
      const walk = (from: number) => {
        const line = [from];
        let at = from;
        for (;;) {
          const options = free(at);
          if (options.length === 0) break;
          const prev = line.length > 1 ? this.nodes[line[line.length - 2]!]! : null;
          const here = this.nodes[at]!;
          const straightness = (id: number) => {
            if (!prev) return 0;
            const e = this.edges[id]!;
            const to = this.nodes[e.a === at ? e.b : e.a]!;
            const ax = here[0] - prev[0], ay = here[1] - prev[1], bx = to[0] - here[0], by = to[1] - here[1];
            return -(ax * bx + ay * by) / (Math.hypot(ax, ay) * Math.hypot(bx, by) || 1);
          };
          const best = options.slice().sort((x, y) => straightness(x) - straightness(y) || x - y)[0]!;
          used.add(best);
          const e = this.edges[best]!;
          at = e.a === at ? e.b : e.a;
          line.push(at);
        }
        if (line.length > 1) lines.push(line);
      };
      const ends = [...incident.keys()].filter((v) => incident.get(v)!.length % 2 === 1);
      const byCloseness = (list: number[]) =>
        list.sort((x, y) => dist(this.nodes[x]!, start) - dist(this.nodes[y]!, start) || x - y);
      for (;;) {
        const open = byCloseness(ends.filter((v) => free(v).length > 0));
        if (open.length === 0) break;
        walk(open[0]!);
      }
      for (;;) {
        const rest = [...incident.keys()].filter((v) => free(v).length > 0).sort((x, y) => x - y);
        if (rest.length === 0) break;
        walk(rest[0]!);
      }
      return lines;
    });
  }
}
