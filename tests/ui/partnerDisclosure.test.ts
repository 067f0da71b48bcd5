import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disclosedUnits, type DisclosureResponse } from '../../src/analysis/disclosureControl';
import { loadDemoWorkspace } from '../../src/data/embedded/demoLoader';
import { readSharePackage, type ShareUnitGeometry } from '../../src/domain/sharePackage';
import { buildSharePackage } from '../../src/ui/explore/share/buildSharePackage';
import { bandText } from '../../src/ui/common/sharing/disclosureText';
import { packageDisclosure } from '../../src/ui/explore/share/packageDisclosure';

/**
 * The embedded partner package applies the share links' disclosure rules (issue 11): the hand-checkable estate of
 * supabase/tests/support/disclosureFixture.ts as plain memberships, the package built from it, the band words, and
 * the demo town end to end (supabase/tests/disclosureParity.test.ts holds the engine to the SQL cell by cell).
 */

/** Campaign c-2 of the fixture: s-a 6 answers (3 with the need), s-b 10 (5), s-c 3 (1): one estate, one cell. */
function estate(): readonly DisclosureResponse[] {
  const out: DisclosureResponse[] = [];
  const add = (street: string, home: string, count: number, withNeed: number) => {
    for (let j = 0; j < count; j++) out.push({ home, hasNeed: j < withNeed, units: [`street:${street}`, 'area:estate-e', 'hex:0,0'] });
  };
  for (let i = 1; i <= 6; i++) add('s-a', `a${i}`, 1, i <= 3 ? 1 : 0);
  for (let i = 1; i <= 10; i++) add('s-b', `b${i}`, 1, i <= 5 ? 1 : 0);
  add('s-c', 'c1', 2, 1);
  add('s-c', 'c2', 1, 0);
  return Object.freeze(out.map((r) => Object.freeze(r)));
}

const line = (x: number): ShareUnitGeometry => ({ type: 'MultiLineString', coordinates: [[[x, 50], [x + 0.001, 50]]] });

describe('partner package disclosure', () => {
  it('hides s-c (3 answers) and its smaller sibling s-a, as the SQL does: s-b 5 of 10 stays exact', () => {
    const pattern = disclosedUnits(estate(), 5);
    expect([...pattern].map(([key, u]) => [key, u.published, u.needShown])).toEqual([
      ['street:s-a', false, null], ['street:s-b', true, 'exact'], ['street:s-c', false, null], ['area:estate-e', true, 'exact'], ['hex:0,0', true, 'exact'],
    ]);
  });

  it('puts the pattern into the package: hidden units carry nothing, a banded count carries its range and no rate', () => {
    const disclosure = new Map([
      ['s-a', { responses: 7, needCount: 1, published: true, needShown: 'band' as const, needLow: 0, needHigh: 4 }],
      ['s-b', { responses: 10, needCount: 5, published: true, needShown: 'exact' as const, needLow: 5, needHigh: 5 }],
      ['s-c', { responses: 6, needCount: 0, published: false, needShown: null, needLow: null, needHigh: null }],
    ]);
    const pkg = buildSharePackage({
      organisation: { name: 'OPS', town: 'Dębowo' }, campaign: { name: 'Diagnoza', wave: 1 }, unit: 'street',
      selection: { kind: 'need', needId: 'housing' }, minSeverity: 1, k: 5, createdAt: new Date('2026-12-01T00:00:00Z'), expiresAt: null,
      disclosure,
      figures: {
        unitIds: ['s-a', 's-b', 's-c'], labels: ['A', 'B', 'C'], geometries: [line(19), line(19.01), line(19.02)],
        households: [7, 10, 6], responses: [7, 10, 6], values: [1 / 7, 0.5, 0], lower: [0.02, 0.2, 0], upper: [0.5, 0.8, 0.4], suppressed: [0, 0, 0],
      },
    });
    expect(pkg.units.map((u) => [u.id, u.suppressed, u.responses, u.rate, u.needBand ?? null])).toEqual([
      ['s-a', false, 7, null, { low: 0, high: 4 }],
      ['s-b', false, 10, 0.5, null],
      ['s-c', true, null, null, null],
    ]);
    expect(readSharePackage(JSON.stringify(pkg)).ok).toBe(true);
    expect(bandText(pkg.units[0]!.needBand!, 7, 'pl')).toBe('mniej niż 5 gospodarstw');
    expect(bandText({ low: 16, high: 20 }, 20, 'pl')).toBe('co najmniej 16 gospodarstw');
    expect(bandText({ low: 22, high: 30 }, 30, 'pl')).toBe('co najmniej 22 gospodarstwa');
    expect(bandText({ low: 0, high: 12 }, 12, 'en')).toBe('hidden to protect other areas');
  });

  it('rejects a file whose band contradicts its figures', () => {
    const bad = { format: 'cal-map-share', v: 1, organisation: { name: 'OPS', town: 'D' }, createdAt: '2026-12-01T00:00:00Z', k: 5,
      view: { campaignName: null, wave: null, unit: 'street', selection: { kind: 'need', needId: 'housing' }, minSeverity: 1 },
      units: [{ id: 'a', label: 'A', geometry: line(19), households: 7, responses: 7, rate: 0.1, lower: null, upper: null, suppressed: false, needBand: { low: 0, high: 4 } }] };
    const read = readSharePackage(JSON.stringify(bad));
    expect(read.ok ? 'accepted' : read.detail).toMatch(/units\.0\.needBand/);
  });

  it('on the demo town: every street the package shows has ≥ 5 answers, and some are hidden beyond k alone', async () => {
    const demo = await loadDemoWorkspace((name) => readFile(join(import.meta.dirname, '..', '..', 'data', 'demo', name), 'utf8'));
    const workspace = demo.workspace;
    const streetIds = workspace.streets.map((s) => s.id).sort();
    // Homes, dominance and the exact cells: supabase/tests/disclosureParity.test.ts (the same pattern as the SQL's).
    const pattern = packageDisclosure(workspace, 'campaign-2025-w1', { needIds: ['addiction'], minSeverity: 1 }, 5, { kind: 'street', unitIds: streetIds }, 250);
    const published = [...pattern].filter(([, u]) => u.published);
    expect(published.length).toBeGreaterThan(50);
    for (const [id, u] of published) expect(u.responses, id).toBeGreaterThanOrEqual(5);
    const hiddenBeyondK = [...pattern].filter(([, u]) => !u.published && u.responses >= 5).length;
    expect(hiddenBeyondK).toBeGreaterThan(0);
  }, 60_000);

  it('residents’ offers go out under the same rules: the same streets published as for a need, offer counts banded below k', async () => {
    const demo = await loadDemoWorkspace((name) => readFile(join(import.meta.dirname, '..', '..', 'data', 'demo', name), 'utf8'));
    const workspace = demo.workspace;
    const layer = { kind: 'street' as const, unitIds: workspace.streets.map((s) => s.id).sort() };
    const needs = packageDisclosure(workspace, 'campaign-2026-w2', { needIds: ['loneliness_seniors'], minSeverity: 1 }, 5, layer, 250);
    const offers = packageDisclosure(workspace, 'campaign-2026-w2', { offerIds: ['senior_care'] }, 5, layer, 250);
    expect([...offers.keys()]).toEqual([...needs.keys()]);
    for (const [id, u] of offers) expect(u.published, id).toBe(needs.get(id)!.published);
    // Counted from the records: households of the street offering senior care (the need count's place).
    const volunteer = offers.get('street-mieszka-i')!;
    expect(volunteer.published).toBe(true);
    const byStreet = workspace.responses.filter((r) => r.campaignId === 'campaign-2026-w2' && r.offers.includes('senior_care'));
    expect(volunteer.needCount).toBeLessThanOrEqual(byStreet.length);
    expect(volunteer.needCount).toBeGreaterThan(5);
    // An offer few households make is shown as a band, never as an exact small count.
    for (const [id, u] of offers) if (u.published && u.needCount > 0 && u.needCount < 5) expect(u.needShown, id).not.toBe('exact');
    expect(readSharePackage(JSON.stringify({ format: 'cal-map-share', v: 1, organisation: { name: 'OPS', town: 'D' }, createdAt: '2026-12-01T00:00:00Z', k: 5,
      view: { campaignName: null, wave: null, unit: 'street', selection: { kind: 'offer', offerId: 'senior_care' }, minSeverity: 1 }, units: [] })).ok).toBe(true);
  }, 60_000);
});
