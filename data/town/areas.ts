import type { Area } from '../../src/domain';
import { polygonAt, type XY } from './frame';
import { DISTRICTS, ESTATES } from './layout';
import { rectRing } from './planar';

/** Care-region seams: each district is cut in two along ul. Krakowska (x = −1500) or ul. Katowicka (x = 1500). */
const SEAM_X: Record<string, number> = {
  'district-srodmiescie': 1500,
  'district-dabrowka': -1500,
  'district-gorniki': -1500,
  'district-zakole': 1500,
};

/**
 * Districts (dzielnice) tiling the town, estates (osiedla) inside them, and eight care regions
 * (rejony opiekuńcze): each district split in two along an arterial, so together they cover the town.
 */
export function buildAreas(): Area[] {
  const districts: Area[] = DISTRICTS.map((d) => ({ id: d.id, name: d.name, kind: 'district', geometry: polygonAt(d.ring) }));
  const estates: Area[] = ESTATES.map((e) => ({ id: e.id, name: e.name, kind: 'estate', parentId: e.district, geometry: polygonAt(rectRing(e.rect)) }));
  const careRegions: Area[] = [];
  for (const d of DISTRICTS) {
    const seam = SEAM_X[d.id]!;
    const parts: Array<[string, XY[]]> = [
      ['część zachodnia', clipHalfPlane(d.ring, seam, -1)],
      ['część wschodnia', clipHalfPlane(d.ring, seam, 1)],
    ];
    for (const [part, ring] of parts) {
      const n = careRegions.length + 1;
      careRegions.push({ id: `care-region-${n}`, name: `Rejon opiekuńczy nr ${n} (${d.name}, ${part})`, kind: 'care_region', geometry: polygonAt(ring) });
    }
  }
  return [...districts, ...estates, ...careRegions];
}

/**
 * Sutherland–Hodgman clip of a ring against the half-plane x ≥ seam (side 1) or x ≤ seam (side −1).
 * Exact for our districts, whose boundary crosses each seam exactly twice.
 */
function clipHalfPlane(ring: readonly XY[], seam: number, side: 1 | -1): XY[] {
  const inside = (p: XY) => side * (p[0] - seam) >= 0;
  const out: XY[] = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    if (inside(a)) out.push(a);
    if (inside(a) !== inside(b)) {
      const t = (seam - a[0]) / (b[0] - a[0]);
      out.push([seam, a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}
