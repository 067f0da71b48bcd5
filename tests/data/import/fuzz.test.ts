import { describe, expect, it } from 'vitest';
import { planImport, type ImportPlan } from '../../../src/data/import';
import type { ImportKind } from '../../../src/domain/importing';
import { deepFreeze, mulberry32, townWorkspace } from './fixtures';

/**
 * Fuzz: thousands of malformed CSV and GeoJSON files (seeded, reproducible). Invariants:
 *  1. planImport never throws (it resolves with a plan);
 *  2. never records together with errors (no partial import): ok ⇔ no error ⇔ records may be non-empty;
 *  3. every error names a field, and a row when it is about one row (file-level fields excepted);
 *  4. HTML-like text that survives into a record is unaltered (checked on every resource name with < or >; a fifth
 *     of the files are resource tables valid but for such names, so the check runs hundreds of times, not never).
 */

/** Text a browser would parse as markup if it were ever set as HTML (STYLE.md habit 8). */
const HTML_LIKE = ['<script>alert(1)</script>', '<b onmouseover=x>', '<img src=x onerror=alert(1)>', '</td><td>', '<a href="javascript:alert(1)">Klub</a>', '<!-- -->', '<svg/onload=alert(1)>', 'Klub <i>Senior</i> & "Przyjaciele"'];
const NASTY = ['', ' ', 'NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x1F', '99999999999999999999', '12,5', '1.2.3', 'null', 'undefined', '"', '""', ';', '\n', '\u0000', '\uFEFF', ...HTML_LIKE, '${7*7}', "' OR 1=1 --", 'ę'.repeat(300), '🙂', 'Lubelska 5', 'ul. Jana Pawła II 12A/3', '05.05.2025', '2025-02-30', '3', 'tak', '19,2563', '50,15', '23.47', '51.13', '636960,47'];
const HEADERS = ['Adres', 'Ulica', 'Numer', 'Data', 'Liczba osób', 'Bezrobocie', 'Uciążliwości', 'Zasoby', 'Lider', 'nazwa', 'rodzaj', 'lon', 'lat', 'x', 'y', 'gospodarstwa', 'PESEL', 'Telefon', 'e-mail', ''];

const pick = <T>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

function randomCsv(random: () => number): string {
  const delimiter = pick(random, [',', ';', '\t', '|']);
  const headers = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(random, HEADERS));
  const rows = Array.from({ length: Math.floor(random() * 12) }, () =>
    Array.from({ length: Math.floor(random() * (headers.length + 2)) }, () => {
      const cell = pick(random, NASTY);
      return random() < 0.3 ? `"${cell.replace(/"/g, '""')}"` : cell;
    }).join(delimiter),
  );
  let text = [headers.join(delimiter), ...rows].join(random() < 0.5 ? '\n' : '\r\n');
  if (random() < 0.2) text = text.slice(0, Math.floor(random() * text.length)); // truncated
  return text;
}

/**
 * A resources table that is valid except that its names are HTML-like (with the kind and coordinates right, the rows
 * become records): the files that reach invariant 4. Any delimiter; names quoted, as a spreadsheet writes them.
 */
function htmlNamedResourcesCsv(random: () => number): string {
  const delimiter = pick(random, [',', ';', '\t']);
  const decimal = delimiter === ',' ? '.' : pick(random, ['.', ',']);
  const coordinate = (base: number) => (base + random() * 0.01).toFixed(5).replace('.', decimal);
  const rows = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
    const name = pick(random, HTML_LIKE) + (random() < 0.5 ? ` ${pick(random, ['Klub', 'Świetlica', '<br>'])}` : '');
    return [`"${name.replace(/"/g, '""')}"`, pick(random, ['klub seniora', 'szkoła', 'biblioteka']), coordinate(23.47), coordinate(51.13)].join(delimiter);
  });
  return [['nazwa', 'rodzaj', 'lon', 'lat'].join(delimiter), ...rows].join('\n');
}

/** The name cells of a CSV written by htmlNamedResourcesCsv, as they were written (unquoted). */
const namesIn = (csv: string): string[] => csv.split('\n').slice(1).map((row) => row.slice(1, row.search(/"[,;\t][^"]*$/)).replace(/""/g, '"'));

function randomValue(random: () => number, depth = 0): unknown {
  const r = random();
  if (depth > 3 || r < 0.3) return pick(random, [0, -1, 1e308, Number.MAX_SAFE_INTEGER, 23.47, 51.13, 636960, 'NaN', null, true, '', '<script>x</script>', [], {}]);
  if (r < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  return { type: pick(random, ['Point', 'LineString', 'Polygon', 'Feature', 'X']), coordinates: randomValue(random, depth + 1) };
}

function randomGeoJson(random: () => number): string {
  const features = Array.from({ length: Math.floor(random() * 8) }, () => {
    const lng = 23.47 + random() * 0.02;
    const lat = 51.13 + random() * 0.02;
    const geometry = pick(random, [
      { type: 'LineString', coordinates: [[lng, lat], [lng + 0.001, lat]] },
      { type: 'Point', coordinates: [lng, lat] },
      { type: 'Polygon', coordinates: [[[lng, lat], [lng + 1e-4, lat], [lng, lat + 1e-4]]] }, // unclosed ring
      { type: 'LineString', coordinates: [[lng, lat]] }, // too short
      { type: 'Point', coordinates: ['x', 'y'] },
      { type: 'MultiPolygon', coordinates: 5 },
      null,
      randomValue(random),
    ]);
    const properties = random() < 0.1 ? pick(random, [null, 'text', 7, []]) : { name: pick(random, NASTY), highway: 'residential', 'addr:street': pick(random, NASTY), 'addr:housenumber': pick(random, NASTY), nazwa: pick(random, NASTY) };
    return random() < 0.1 ? randomValue(random) : { type: 'Feature', geometry, properties };
  });
  let text = JSON.stringify(random() < 0.1 ? randomValue(random) : { type: 'FeatureCollection', features });
  if (random() < 0.15) text = text.slice(0, Math.floor(random() * text.length));
  return text;
}

function randomBytes(random: () => number): Uint8Array {
  return Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256));
}

const FILE_LEVEL = /^\(|^settings|^campaignId|^columnMapping|^type$|^features$|^id$/;

/** Checks the invariants; returns how many HTML-like names it checked (invariant 4 must not be vacuous). */
function checkInvariants(plan: ImportPlan, label: string, htmlNames: readonly string[] = HTML_LIKE): number {
  const errors = plan.issues.filter((i) => i.severity === 'error');
  const recordCount = plan.records.streets.length + plan.records.addresses.length + plan.records.resources.length + plan.records.responses.length;
  expect(plan.ok, label).toBe(plan.errorCount === 0);
  if (!plan.ok) expect(recordCount, `${label}: records with errors`).toBe(0);
  if (plan.errorCount > 0) expect(errors.length, label).toBeGreaterThan(0);
  for (const e of errors) {
    expect(typeof e.field, label).toBe('string');
    expect(e.field.length, label).toBeGreaterThan(0);
    expect(e.message.length, label).toBeGreaterThan(0);
    if (!FILE_LEVEL.test(e.field)) expect(e.row, `${label}: error without a row: ${e.field} ${e.message}`).toBeTypeOf('number');
  }
  let htmlChecked = 0;
  for (const r of plan.records.resources) {
    if (!/[<>]/.test(r.name)) continue;
    // Character for character one of the names the file held: not escaped, stripped or cut.
    expect(htmlNames, `${label}: ${r.name}`).toContain(r.name);
    htmlChecked += 1;
  }
  return htmlChecked;
}

describe('fuzz: malformed files never crash and never import partly', () => {
  const workspace = deepFreeze(townWorkspace());
  const kinds: ImportKind[] = ['streets', 'addresses', 'resources', 'responses'];

  it('3,000 CSV, GeoJSON and random-byte files', async () => {
    const random = mulberry32(20250601);
    let withRecords = 0;
    let htmlChecked = 0;
    for (let n = 0; n < 3000; n++) {
      const flavour = random();
      const htmlNamed = flavour >= 0.8;
      const kind = htmlNamed ? 'resources' : pick(random, kinds);
      const input = flavour < 0.4 ? randomCsv(random) : flavour < 0.72 ? randomGeoJson(random) : flavour < 0.8 ? randomBytes(random) : htmlNamedResourcesCsv(random);
      const settings = { campaignId: 'campaign-2025-w1', idPrefix: 'f', ...(random() < 0.3 ? { crs: { code: 'EPSG:4326' as const, axisOrder: 'xy' as const } } : {}) };
      let plan: ImportPlan;
      try {
        plan = await planImport(kind, input, settings, workspace);
      } catch (error) {
        throw new Error(`case ${n} (${kind}) threw: ${String(error)}\ninput: ${typeof input === 'string' ? input.slice(0, 300) : `${input.length} bytes`}`, { cause: error });
      }
      const label = `case ${n} (${kind})`;
      htmlChecked += checkInvariants(plan, label, htmlNamed ? namesIn(input as string) : HTML_LIKE);
      if (htmlNamed) {
        // Every row is a record, and every name is the cell as written (a stripped tag leaves no < to look for above).
        expect(plan.ok, `${label}: a valid table with HTML-like names is imported\n${input as string}`).toBe(true);
        expect(plan.records.resources.map((r) => r.name), label).toEqual(namesIn(input as string));
      }
      if (plan.ok && Object.values(plan.records).some((r) => r.length > 0)) withRecords++;
    }
    // Some random files are valid: the fuzz reaches the record-building paths, not only the early rejections.
    expect(withRecords).toBeGreaterThan(20);
    // Invariant 4 ran on hundreds of names (~600 files of ~3.5 rows each), not on none as it once did.
    console.log(`fuzz: ${withRecords} files with records, ${htmlChecked} HTML-like names checked`);
    expect(htmlChecked).toBeGreaterThan(1000);
  });

  it('settings of the wrong types are issues, not exceptions', async () => {
    const random = mulberry32(7);
    for (let n = 0; n < 300; n++) {
      const settings = { columnMapping: randomValue(random), crs: randomValue(random), defaultHouseholds: randomValue(random) } as never;
      checkInvariants(await planImport(pick(random, kinds), randomCsv(random), settings, workspace), `settings case ${n}`);
    }
    checkInvariants(await planImport('nonsense' as never, '', {}, workspace), 'bad kind');
  });
});
