import { describe, expect, it } from 'vitest';
import { aggregateRows } from '../../src/ui/explore/export/aggregateRows';
import { aggregatesCsv } from '../../src/ui/explore/export/aggregatesCsv';
import { aggregatesGeoJson, unitGeometries } from '../../src/ui/explore/export/aggregatesGeoJson';
import { csvField, POLISH_EXCEL_CSV, toCsv } from '../../src/ui/explore/export/csvFormat';
import { exportFileName } from '../../src/ui/explore/export/download';
import { rawAnswersCsv } from '../../src/ui/explore/export/rawAnswersCsv';
import type { SurveyResponse } from '../../src/domain';

const deepFreeze = <T>(o: T): T => {
  if (o && typeof o === 'object' && !ArrayBuffer.isView(o)) for (const v of Object.values(o)) deepFreeze(v);
  return ArrayBuffer.isView(o) ? o : Object.freeze(o);
};

// Three streets: 40 households / 12 answers (3 report the need: 25 %), a suppressed one (3 answers < k = 5),
// and one with a name holding `;` and quotes.
const layer = deepFreeze({
  unitIds: ['s1', 's2', 's3'],
  labels: ['ul. Polna', 'ul. Krótka', 'ul. "Nowa"; Boczna'],
  households: new Float64Array([40, 10, 8]),
});
const needMap = deepFreeze({
  values: new Float64Array([0.25, NaN, 0.5]),
  lower: new Float64Array([0.0893, NaN, 0.2366]),
  upper: new Float64Array([0.5323, NaN, 0.7634]),
  responses: new Uint32Array([12, 3, 6]),
  responseRate: new Float64Array([0.3, 0.3, 0.75]),
  suppressed: new Uint8Array([0, 1, 0]),
});

describe('aggregate rows', () => {
  it('leave every survey number of a suppressed unit empty, never the hidden numbers', () => {
    const rows = aggregateRows(layer, needMap);
    expect(rows[1]).toEqual({ unitId: 's2', label: 'ul. Krótka', households: 10, suppressed: true, responses: null, responseRate: null, value: null, lower: null, upper: null });
    expect(rows[0]).toEqual({ unitId: 's1', label: 'ul. Polna', households: 40, suppressed: false, responses: 12, responseRate: 0.3, value: 0.25, lower: 0.0893, upper: 0.5323 });
  });

  it('refuse a need map of another layer', () => {
    expect(() => aggregateRows({ ...layer, unitIds: ['s1'] }, needMap)).toThrow('layer has 1 units, the need map 3');
  });
});

// The header words as ExportMenu builds them from the dictionary (messages/export.ts), for one need and wave.
const HEADER_PL = {
  unitId: 'Identyfikator jednostki',
  name: 'Nazwa',
  households: 'Gospodarstwa domowe',
  responses: 'Ankiety',
  responseRate: 'Zwrot ankiet [%]',
  value: 'Samotność i potrzeby seniorów, fala 2 (2026) [%]',
  lower: 'Dolna granica przedziału 95% [%]',
  upper: 'Górna granica przedziału 95% [%]',
  suppressed: 'Ukryte: mniej niż 5 ankiet (1 = tak)',
};

describe('CSV for Polish Excel', () => {
  it('has a BOM, `;`, column names in words with the measure and wave, percentages with decimal commas, CRLF, quoted names and empty suppressed cells', () => {
    const csv = aggregatesCsv(aggregateRows(layer, needMap), HEADER_PL);
    expect(csv).toBe(
      '\ufeffIdentyfikator jednostki;Nazwa;Gospodarstwa domowe;Ankiety;Zwrot ankiet [%];Samotność i potrzeby seniorów, fala 2 (2026) [%];Dolna granica przedziału 95% [%];Górna granica przedziału 95% [%];Ukryte: mniej niż 5 ankiet (1 = tak)\r\n' +
        's1;ul. Polna;40;12;30;25;8,93;53,23;0\r\n' +
        's2;ul. Krótka;10;;;;;;1\r\n' +
        's3;"ul. ""Nowa""; Boczna";8;6;75;50;23,66;76,34;0\r\n',
    );
  });

  it('with a decimal point and `,` quotes names holding a comma', () => {
    const csv = aggregatesCsv(aggregateRows({ ...layer, labels: ['Polna, róg', 'b', 'c'] }, needMap), HEADER_PL, { separator: ',', decimalComma: false, bom: false });
    expect(csv.split('\r\n')[1]).toBe('s1,"Polna, róg",40,12,30,25,8.93,53.23,0');
  });

  it('never writes a decimal comma with the `,` separator (it would split the number)', () => {
    expect(csvField(0.5, { separator: ',', decimalComma: true, bom: false })).toBe('0.5');
  });

  it('rounds to six decimals, writes no exponent, and defuses formulas', () => {
    expect(csvField(1 / 3, POLISH_EXCEL_CSV)).toBe('0,333333');
    expect(csvField(1e-7, POLISH_EXCEL_CSV)).toBe('0');
    expect(csvField(-0, POLISH_EXCEL_CSV)).toBe('0');
    expect(csvField('=HYPERLINK("x")', POLISH_EXCEL_CSV)).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('a\nb', POLISH_EXCEL_CSV)).toBe('"a\nb"');
    expect(csvField(' lead', POLISH_EXCEL_CSV)).toBe('" lead"');
    expect(toCsv(['a'], [], { separator: ';', decimalComma: true, bom: false })).toBe('a\r\n');
  });
});

describe('GeoJSON of the aggregates', () => {
  it('writes null for suppressed numbers and the unit geometry', () => {
    const rows = aggregateRows(layer, needMap);
    const geometries = unitGeometries(
      { kind: 'street', unitIds: ['s1', 's2', 's3'], streetIds: [['a', 'b'], ['c'], []] },
      {
        streets: [
          { id: 'a', prefix: 'ul.', name: 'Polna', geometry: { type: 'MultiLineString', coordinates: [[[19, 50], [19.1, 50]]] } },
          { id: 'b', prefix: 'ul.', name: 'Polna', geometry: { type: 'MultiLineString', coordinates: [[[19.1, 50], [19.2, 50]]] } },
          { id: 'c', prefix: 'ul.', name: 'Krótka', geometry: { type: 'MultiLineString', coordinates: [[[19, 50.1], [19, 50.2]]] } },
        ],
        areas: [],
      },
    );
    const parsed = JSON.parse(aggregatesGeoJson(rows, geometries, { town: 'Dębowo', campaignId: 'w1', measure: 'Zdrowie', unitKind: 'street', minResponses: 5 })) as {
      type: string;
      calmap: Record<string, unknown>;
      features: { id: string; geometry: unknown; properties: Record<string, unknown> }[];
    };
    expect(parsed.type).toBe('FeatureCollection');
    expect(parsed.calmap).toEqual({ v: 1, town: 'Dębowo', campaignId: 'w1', measure: 'Zdrowie', unitKind: 'street', minResponses: 5 });
    expect(parsed.features[0]!.geometry).toEqual({ type: 'MultiLineString', coordinates: [[[19, 50], [19.1, 50]], [[19.1, 50], [19.2, 50]]] });
    expect(parsed.features[1]!.properties).toEqual({ unit_id: 's2', name: 'ul. Krótka', households: 10, responses: null, response_rate: null, value: null, wilson_lower: null, wilson_upper: null, suppressed: true });
    expect(parsed.features[2]!.geometry).toBeNull();
    expect(parsed.features[2]!.properties.name).toBe('ul. "Nowa"; Boczna');
  });

  it('closes hexagon rings', () => {
    const corners = new Float64Array([0, 0, 1, 0, 2, 1, 1, 2, 0, 2, -1, 1]);
    const [g] = unitGeometries({ kind: 'hex', unitIds: ['hex250:0:0'], hexCorners: corners }, { streets: [], areas: [] });
    expect(g).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [2, 1], [1, 2], [0, 2], [-1, 1], [0, 0]]] });
  });
});

describe('raw answers and file names', () => {
  it('writes one row per answer of the wave, a severity column per need', () => {
    const response: SurveyResponse = deepFreeze({
      id: 'r1', campaignId: 'w1', addressId: 'a1', date: '2025-04-08', householdSize: 3,
      needs: [{ category: 'housing', severity: 2 }], nuisances: ['noise'], offers: [], leaderCandidate: undefined,
    } as unknown as SurveyResponse);
    const csv = rawAnswersCsv([response, { ...response, id: 'r2', campaignId: 'w2' }], 'w1');
    const [header, row, end] = csv.split('\r\n');
    expect(header!.startsWith('\ufeffresponse_id;campaign_id;date;address_id;street_id;lng;lat;household_size;need_unemployment;need_material_hardship;need_housing;')).toBe(true);
    expect(row).toBe('r1;w1;2025-04-08;a1;;;;3;;;2;;;;;;;;;;noise;;0');
    expect(end).toBe('');
  });

  it('folds Polish letters in file names', () => {
    expect(exportFileName('calmap', 'Dębowo', 'Łąki Żółte', '2026-04-13')).toBe('calmap-debowo-laki-zolte-2026-04-13');
  });
});
