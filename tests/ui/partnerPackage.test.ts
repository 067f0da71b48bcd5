import { describe, expect, it } from 'vitest';
import { readSharePackage, SharePackage, type ShareUnitGeometry } from '../../src/domain/sharePackage';
import { buildSharePackage, type SharePackageInput, type UnitFigures } from '../../src/ui/explore/share/buildSharePackage';
import { partnerRouteOf, shareLinkUrl } from '../../src/ui/shell/partnerRoute';
import { packageProblem } from '../../src/ui/partner/PartnerApp';
import { BANDED_CLASS, partnerClasses, selectionText } from '../../src/ui/common/sharing/partnerText';
import { bandText, disclosureSentence } from '../../src/ui/common/sharing/disclosureText';
import { OFFER_IDS } from '../../src/domain';
import { seededRandom as random } from '../analysis/seededRandom';


const square = (x: number): ShareUnitGeometry => ({ type: 'Polygon', coordinates: [[[x, 50], [x + 0.01, 50], [x + 0.01, 50.01], [x, 50]]] });
const street = (x: number): ShareUnitGeometry => ({ type: 'MultiLineString', coordinates: [[[x, 50], [x + 0.01, 50.005]]] });

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function randomInput(seed: number): SharePackageInput {
  const next = random(seed);
  const n = 1 + Math.floor(next() * 40);
  const engineK = 5;
  const responses = Array.from({ length: n }, () => Math.floor(next() * 25));
  const households = responses.map((r) => r + Math.floor(next() * 60));
  const values = responses.map((r) => (r < engineK ? NaN : next()));
  const lower = values.map((v) => (Number.isNaN(v) ? NaN : v * next()));
  const upper = values.map((v) => (Number.isNaN(v) ? NaN : v + (1 - v) * next()));
  const figures: UnitFigures = {
    unitIds: responses.map((_, u) => `unit-${u}`),
    labels: responses.map((_, u) => `Unit ${u}`),
    geometries: responses.map((_, u) => (next() < 0.5 ? square(19 + u * 0.01) : street(19 + u * 0.01))),
    households: Float64Array.from(households),
    responses: Uint32Array.from(responses),
    values: Float64Array.from(values),
    lower: Float64Array.from(lower),
    upper: Float64Array.from(upper),
    suppressed: Uint8Array.from(responses, (r) => (r < engineK ? 1 : 0)),
  };
  return {
    organisation: { name: 'MOPS Dębowo', town: 'Dębowo' },
    campaign: { name: 'Diagnoza 2025', wave: 1 },
    unit: 'estate',
    selection: { kind: 'need', needId: 'housing' },
    minSeverity: 1,
    k: 5 + Math.floor(next() * 15),
    createdAt: new Date('2026-11-23T10:00:00Z'),
    expiresAt: new Date('2026-12-23T23:59:59Z'),
    figures,
  };
}

describe('buildSharePackage', () => {
  it('hand example: k = 6 hides a unit with 5 answers (all its figures) and keeps one with 6', () => {
    const pkg = buildSharePackage({
      ...randomInput(1),
      k: 6,
      figures: {
        unitIds: ['a', 'b'],
        labels: ['Osiedle A', 'Osiedle B'],
        geometries: [square(19), square(19.1)],
        households: [40, 50],
        responses: [5, 6],
        values: [0.4, 1 / 3],
        lower: [0.12, 0.097],
        upper: [0.77, 0.7],
        suppressed: [0, 0],
      },
    });
    expect(pkg.units).toEqual([
      { id: 'a', label: 'Osiedle A', geometry: square(19), households: null, responses: null, rate: null, lower: null, upper: null, suppressed: true },
      // 1/3 rounded to four decimals: 0.3333.
      { id: 'b', label: 'Osiedle B', geometry: square(19.1), households: 50, responses: 6, rate: 0.3333, lower: 0.097, upper: 0.7, suppressed: false },
    ]);
    expect(SharePackage.safeParse(pkg).success).toBe(true);
  });

  it('property (300 random towns): every unit below k, or suppressed by the engine, carries no number; the rest have ≥ k answers; the file parses', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const input = deepFreeze(randomInput(seed));
      const pkg = buildSharePackage(input);
      expect(pkg.units.length, `seed ${seed}`).toBe(input.figures.unitIds.length);
      pkg.units.forEach((unit, u) => {
        const answers = input.figures.responses[u]!;
        if (answers < pkg.k || input.figures.suppressed[u] === 1) {
          expect(unit, `seed ${seed} unit ${u}`).toMatchObject({ suppressed: true, households: null, responses: null, rate: null, lower: null, upper: null });
        } else {
          expect(unit.suppressed).toBe(false);
          expect(unit.responses).toBe(answers);
        }
        expect(Object.keys(unit).sort()).toEqual(['geometry', 'households', 'id', 'label', 'lower', 'rate', 'responses', 'suppressed', 'upper']);
      });
      // Nothing of a hidden unit is written: its numbers are absent from the JSON text.
      const text = JSON.stringify(pkg);
      for (const unit of JSON.parse(text).units as Array<Record<string, unknown>>) {
        if (unit.suppressed) expect([unit.households, unit.responses, unit.rate, unit.lower, unit.upper]).toEqual([null, null, null, null, null]);
      }
      expect(SharePackage.safeParse(JSON.parse(text)).success, `seed ${seed}`).toBe(true);
    }
  });

  it('never lets k below 5 through, even if asked', () => {
    const pkg = buildSharePackage({ ...randomInput(7), k: 2 });
    expect(pkg.k).toBe(5);
  });
});

describe('the package schema', () => {
  const valid = () => JSON.parse(JSON.stringify(buildSharePackage(randomInput(42)))) as Record<string, unknown> & { units: Array<Record<string, unknown>> };

  it('rejects raw-answer-like fields anywhere: household size, needs, address ids, answers, points', () => {
    const cases: Array<(p: ReturnType<typeof valid>) => void> = [
      (p) => (p.units[0]!.householdSize = 3),
      (p) => (p.units[0]!.needs = [{ category: 'housing', severity: 2 }]),
      (p) => (p.units[0]!.addressId = 'addr-1'),
      (p) => (p.responses = [{ id: 'r1', addressId: 'addr-1', householdSize: 2, needs: [] }]),
      (p) => (p.addresses = []),
      (p) => (p.heatmap = [[19.3, 50.1, 1]]),
      (p) => (p.units[0]!.geometry = { type: 'Point', coordinates: [19.3, 50.1] }),
      (p) => ((p.view as Record<string, unknown>).households = [1, 2]),
    ];
    for (const mutate of cases) {
      const p = valid();
      mutate(p);
      expect(SharePackage.safeParse(p).success, mutate.toString()).toBe(false);
    }
  });

  it('rejects a suppressed unit with a number, an unsuppressed unit below k, and k below 5', () => {
    const p1 = valid();
    const hidden = p1.units.find((u) => u.suppressed)!;
    hidden.households = 12;
    expect(SharePackage.safeParse(p1).success).toBe(false);
    const p2 = valid();
    const shown = p2.units.find((u) => !u.suppressed)!;
    shown.responses = (p2.k as number) - 1;
    expect(SharePackage.safeParse(p2).error?.issues[0]?.message).toMatch(/fewer than k = \d+ answers must be suppressed/);
    const p3 = valid();
    p3.k = 3;
    expect(SharePackage.safeParse(p3).success).toBe(false);
  });

  it('tells apart not JSON, another file, a newer version and a broken package', () => {
    expect(readSharePackage('{nope')).toMatchObject({ ok: false, reason: 'not-json' });
    expect(readSharePackage('{"v":1,"organisation":{}}')).toMatchObject({ ok: false, reason: 'not-package' });
    expect(readSharePackage(JSON.stringify({ ...valid(), v: 2 }))).toMatchObject({ ok: false, reason: 'newer' });
    const broken = valid();
    broken.units[0]!.householdSize = 3;
    expect(readSharePackage(JSON.stringify(broken))).toEqual({ ok: false, reason: 'invalid', detail: 'units.0: Unrecognized key: "householdSize"' });
    expect(readSharePackage(JSON.stringify(valid())).ok).toBe(true);
  });

  it('words each problem for the partner in Polish, and refuses an expired package', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    expect(packageProblem(readSharePackage('{nope'), 'pl', now)).toBe('Tego pliku nie da się odczytać: to nie jest plik JSON.');
    expect(packageProblem(readSharePackage('[]'), 'pl', now)).toBe('To nie jest pakiet dla partnera z CAL Map.');
    expect(packageProblem(readSharePackage(JSON.stringify(valid())), 'pl', now)).toBeNull();
    expect(packageProblem(readSharePackage(JSON.stringify(valid())), 'pl', new Date('2027-01-01T00:00:00Z'))).toBe('Ten pakiet stracił ważność 23 grudnia 2026. Poproś ośrodek o nowy.');
  });
});

describe('partner route and text', () => {
  it('reads /s/<token> from the path and #partner from the hash; the link puts the token in the path', () => {
    expect(partnerRouteOf('/s/abc123', '', '/')).toEqual({ kind: 'link', token: 'abc123' });
    expect(partnerRouteOf('/app/s/abc123/', '#map', '/app/')).toEqual({ kind: 'link', token: 'abc123' });
    expect(partnerRouteOf('/', '#partner', '/')).toEqual({ kind: 'file' });
    expect(partnerRouteOf('/', '#map', '/')).toBeNull();
    expect(partnerRouteOf('/sx/abc', '', '/')).toBeNull();
    const url = shareLinkUrl('https://cal.example.pl', '/', 'a'.repeat(64));
    expect(url).toBe(`https://cal.example.pl/s/${'a'.repeat(64)}`);
    expect(new URL(url).search).toBe('');
  });

  it('classes the shown rates by quantiles and counts hidden units', () => {
    const pkg = buildSharePackage({
      ...randomInput(3),
      figures: {
        unitIds: ['a', 'b', 'c', 'd', 'e', 'f'],
        labels: ['A', 'B', 'C', 'D', 'E', 'F'],
        geometries: [0, 1, 2, 3, 4, 5].map((x) => square(19 + x / 10)),
        households: [50, 50, 50, 50, 50, 50],
        responses: [30, 30, 30, 30, 30, 2],
        values: [0, 0.1, 0.2, 0.3, 0.4, NaN],
        lower: null,
        upper: null,
        suppressed: [0, 0, 0, 0, 0, 1],
      },
      k: 5,
    });
    const classes = partnerClasses(pkg, 'pl');
    // Five values 0…0.4: the quantile edges are the values themselves (h = 4p: 0, 0.8, 1.6 …) → 0, 0.08, 0.16, 0.24, 0.32, 0.4.
    expect([...classes.classOfUnit]).toEqual([0, 1, 2, 3, 4, 255]);
    expect(classes.shown).toBe(5);
    expect(classes.hidden).toBe(1);
    expect(selectionText(pkg.view, 'pl')).toBe('Odsetek gospodarstw zgłaszających: Warunki mieszkaniowe');
  });

  it('a unit published as a range has a class of its own (drawn and listed as a range), a band that hides all counts as hidden', () => {
    const pkg = buildSharePackage({
      ...randomInput(3),
      figures: {
        unitIds: ['a', 'b', 'c', 'd'],
        labels: ['A', 'B', 'C', 'D'],
        geometries: [0, 1, 2, 3].map((x) => square(19 + x / 10)),
        households: [50, 50, 50, 50],
        responses: [30, 30, 30, 30],
        values: [0.5, 0.6, 0.1, 0.3],
        lower: null,
        upper: null,
        suppressed: [0, 0, 0, 0],
      },
      k: 5,
    });
    // As a link's server publishes them: "fewer than 5" for C, and a band 0 … every answer for D (protecting others).
    pkg.units[2] = { ...pkg.units[2]!, rate: null, lower: null, upper: null, needBand: { low: 0, high: 4 } };
    pkg.units[3] = { ...pkg.units[3]!, rate: null, lower: null, upper: null, needBand: { low: 0, high: 30 } };
    const classes = partnerClasses(pkg, 'pl');
    expect([...classes.classOfUnit]).toEqual([0, 1, BANDED_CLASS, 255]);
    expect({ shown: classes.shown, banded: classes.banded, hidden: classes.hidden }).toEqual({ shown: 3, banded: 1, hidden: 1 });
    expect(bandText(pkg.units[2]!.needBand!, 30, 'pl')).toBe('mniej niż 5 gospodarstw');
    expect(bandText(pkg.units[3]!.needBand!, 30, 'pl')).toBe('ukryte, by chronić inne obszary');
  });

  it('words residents\' resources: one offer, a weighted potential index, the default index over every offer, and the band rule', () => {
    const view = (selection: SharePackage['view']['selection']) => ({ campaignName: null, wave: null, unit: 'street' as const, selection, minSeverity: 1 as const });
    expect(selectionText(view({ kind: 'offer', offerId: 'senior_care' }), 'pl')).toBe('Odsetek gospodarstw oferujących pomoc: Pomoc seniorom');
    // Weights 2 : 1 → 67 % and 33 %.
    expect(selectionText(view({ kind: 'offerIndex', weights: { senior_care: 2, tutoring: 1, sports: 0 } }), 'pl')).toBe('Wskaźnik potencjału mieszkańców: średni odsetek gospodarstw oferujących pomoc (wagi: pomoc seniorom 67\u00a0%, korepetycje 33\u00a0%)');
    expect(selectionText(view({ kind: 'offerIndex', weights: Object.fromEntries(OFFER_IDS.map((id) => [id, 1])) }), 'en')).toBe("Residents' potential index: mean share of households offering each kind of help, all weighted equally");
    expect(disclosureSentence(5, 'pl', 'offers')).toContain('Gdy pomoc oferuje albo nie oferuje mniej niż 5 gospodarstw, podajemy tylko przedział');
    expect(disclosureSentence(5, 'pl')).toContain('Gdy potrzebę zgłosiło albo nie zgłosiło mniej niż 5 gospodarstw');
  });
});
