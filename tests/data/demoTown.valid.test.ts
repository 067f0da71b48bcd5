import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon, booleanWithin, intersect, kinks, area as turfArea, polygon, featureCollection } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/domain';
import { DEMO_DIR } from '../../data/generate';
import { referenceProblems } from '../../data/town/validate';
import { toXY } from '../../data/town/frame';
import { pointSegmentDistance } from '../../data/town/planar';

const read = (name: string) => JSON.parse(readFileSync(join(DEMO_DIR, `${name}.json`), 'utf8'));
const town = {
  organisation: read('organisation'),
  areas: read('areas'),
  streets: read('streets'),
  addresses: read('addresses'),
  campaigns: read('campaigns'),
  responses: read('responses'),
  resources: read('resources'),
  groups: read('groups'),
  programmes: read('programmes'),
  events: read('events'),
};
const ws = Workspace.parse({ v: 1, ...town });

describe('committed demo town (data/demo)', () => {
  it('parses as a Workspace without changing a record', () => {
    expect(JSON.stringify(ws.addresses)).toBe(JSON.stringify(town.addresses));
    expect(JSON.stringify(ws.responses)).toBe(JSON.stringify(town.responses));
  });

  it('has no dangling references and no duplicate ids', () => {
    expect(referenceProblems(ws)).toEqual([]);
  });

  it('has valid, non-self-intersecting polygons; estates inside their district and apart from each other', () => {
    for (const a of ws.areas) {
      expect(a.geometry.type).toBe('Polygon');
      expect(kinks(a.geometry as never).features, a.id).toHaveLength(0);
    }
    const byId = new Map(ws.areas.map((a) => [a.id, a]));
    const estates = ws.areas.filter((a) => a.kind === 'estate');
    for (const e of estates) expect(booleanWithin(e.geometry as never, byId.get(e.parentId!)!.geometry as never), e.id).toBe(true);
    for (let i = 0; i < estates.length; i++)
      for (let j = i + 1; j < estates.length; j++)
        expect(intersect(featureCollection([polygon(estates[i]!.geometry.coordinates as never), polygon(estates[j]!.geometry.coordinates as never)])), `${estates[i]!.id} × ${estates[j]!.id}`).toBeNull();
  });

  it('districts and care regions each tile the town: their areas add up and do not overlap', () => {
    for (const kind of ['district', 'care_region'] as const) {
      const parts = ws.areas.filter((a) => a.kind === kind);
      const total = parts.reduce((s, a) => s + turfArea(a.geometry as never), 0);
      // Town: 6 × 6 km square with four 600 m × 600 m right-angle corners cut off: 36 − 4 × 0.18 = 35.28 km².
      expect(total / 1e6).toBeCloseTo(35.28, 0);
      for (let i = 0; i < parts.length; i++)
        for (let j = i + 1; j < parts.length; j++) {
          const overlap = intersect(featureCollection([polygon(parts[i]!.geometry.coordinates as never), polygon(parts[j]!.geometry.coordinates as never)]));
          expect(overlap ? turfArea(overlap) : 0, `${parts[i]!.id} × ${parts[j]!.id}`).toBeLessThan(1);
        }
    }
  });

  it('every address lies in exactly one estate, 11–21 m off its own street', () => {
    const estates = ws.areas.filter((a) => a.kind === 'estate');
    const streets = new Map(ws.streets.map((s) => [s.id, s.geometry.coordinates.map((l) => l.map(toXY))]));
    for (const a of ws.addresses) {
      expect(estates.filter((e) => booleanPointInPolygon(a.location.coordinates, e.geometry as never)).length, a.id).toBe(1);
      const p = toXY(a.location.coordinates);
      let best = Infinity;
      for (const l of streets.get(a.streetId)!) for (let k = 1; k < l.length; k++) best = Math.min(best, pointSegmentDistance(p, l[k - 1]!, l[k]!));
      if (/^\d+$/.test(a.houseNumber)) {
        expect(best, a.id).toBeGreaterThan(11);
        expect(best, a.id).toBeLessThan(21);
      }
    }
  });

  it('streets form one connected graph through shared vertices, and never cross without one', () => {
    const key = (p: readonly number[]) => `${p[0]},${p[1]}`;
    const parent = new Map<string, string>();
    const find = (k: string): string => {
      while (parent.get(k) !== k) k = parent.get(k)!;
      return k;
    };
    const segments: Array<[number[], number[], string]> = [];
    for (const s of ws.streets)
      for (const l of s.geometry.coordinates)
        for (let k = 0; k < l.length; k++) {
          if (!parent.has(key(l[k]!))) parent.set(key(l[k]!), key(l[k]!));
          if (k > 0) {
            parent.set(find(key(l[k - 1]!)), find(key(l[k]!)));
            segments.push([l[k - 1]!, l[k]!, s.id]);
          }
        }
    const roots = new Set([...parent.keys()].map(find));
    expect(roots.size).toBe(1);
    // Proper crossings (interiors meet) between any two segments: sweep over x-sorted bounding boxes.
    const cross = (a: number[], b: number[], c: number[], d: number[]) => {
      const o = (p: number[], q: number[], r: number[]) => Math.sign((q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!));
      return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
    };
    segments.sort((s, t) => Math.min(s[0][0]!, s[1][0]!) - Math.min(t[0][0]!, t[1][0]!));
    let crossings = 0;
    for (let i = 0; i < segments.length; i++) {
      const [a, b] = segments[i]!;
      const maxX = Math.max(a[0]!, b[0]!);
      for (let j = i + 1; j < segments.length && Math.min(segments[j]![0][0]!, segments[j]![1][0]!) <= maxX; j++) {
        const [c, d] = segments[j]!;
        if (cross(a, b, c, d)) crossings++;
      }
    }
    expect(crossings).toBe(0);
  });

  it('programmes target their area with that area’s own polygon; groups meet where their host is', () => {
    const areas = new Map(ws.areas.map((a) => [a.id, a]));
    for (const p of ws.programmes) expect(p.targetGeometry).toEqual(areas.get(p.targetAreaId!)!.geometry);
    const resources = new Map(ws.resources.map((r) => [r.id, r]));
    for (const g of ws.groups) expect(g.location).toEqual(resources.get(g.meetingPlaceId!)!.location);
  });
});
