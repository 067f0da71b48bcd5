/**
 * A survey spreadsheet as a real centre types it (issue 12), generated from a seed: Windows-1250, `;`, EPSG:2180
 * coordinates with a decimal comma, street names surname-first as the TERYT ULIC register writes them, clerks'
 * abbreviations, capitals and misspellings, the centre's own need codes, a household size column "osoby" — and a
 * truth file saying on which street each row really is. No network, no files outside the project.
 *
 * Used by tests/data/import/surveyImport.test.ts; `npx tsx tests/data/import/surveyGenerator.ts <dir> [seed] [rows]`
 * writes ankiety.csv, truth.json and workspace.json into <dir> for trying the wizard by hand.
 */
import proj4 from 'proj4';
import { CRS_DEFINITIONS } from '../../../src/data/import/crs';
import type { Address, Street, Workspace } from '../../../src/domain';
import { CAMPAIGN, encodeCp1250, mulberry32, townWorkspace } from './fixtures';

/** The town's streets as OpenStreetMap names them: given names first. Traps from issue 12 included. */
const STREET_NAMES: ReadonlyArray<[Street['prefix'], string]> = [
  ['ul.', 'Jana Matejki'], ['ul.', 'Ignacego Paderewskiego'], ['ul.', 'Ofiar Katynia'], ['ul.', 'Świętej Rodziny'],
  ['ul.', 'Rodziny Lutaków'], ['ul.', 'Świętego Mikołaja'], ['ul.', 'Mikołaja Kopernika'], ['al.', 'Jana Pawła II'],
  ['al.', 'Armii Krajowej'], ['pl.', 'Wolności'], ['os.', 'Słoneczne'], ['ul.', 'Adama Mickiewicza'],
  ['ul.', 'Henryka Sienkiewicza'], ['ul.', 'Marii Konopnickiej'], ['ul.', 'Tadeusza Kościuszki'], ['ul.', 'Józefa Piłsudskiego'],
  ['ul.', 'Lubelska'], ['ul.', 'Lwowska'], ['ul.', 'Polna'], ['ul.', 'Ogrodowa'], ['ul.', 'Łąkowa'], ['ul.', 'Stefana Żeromskiego'],
  ['ul.', '3 Maja'], ['ul.', 'Obrońców Chełma'], ['ul.', 'Generała Władysława Sikorskiego'], ['ul.', 'Kardynała Stefana Wyszyńskiego'],
  ['ul.', 'Młodzieżowa'], ['ul.', 'Szkolna'], ['ul.', 'Kolejowa'], ['ul.', 'Reformacka'], ['ul.', 'Hrubieszowska'], ['ul.', 'Szpitalna'],
];

/** The centre's own need codes (not product words) and what they mean; the test maps them through the suggestions. */
export const LOCAL_NEED_CODES: Readonly<Record<string, string>> = {
  samotnosc_seniorow: 'loneliness_seniors',
  czas_wolny_dzieci: 'children_youth_leisure',
  bezrobocie_dlugotrwale: 'unemployment',
  uzaleznienie_alkohol: 'addiction',
};
const PRODUCT_NEED_WORDS = ['bezrobocie', 'ubóstwo', 'mieszkanie', 'zdrowie'];

export type NameForm = 'official' | 'register' | 'abbreviated' | 'capitals' | 'misspelt' | 'unknown' | 'other_street';

export interface TruthRow {
  /** Spreadsheet row (header = 1). */
  displayRow: number;
  streetId: string;
  addressId: string;
  /** How the clerk wrote the street. `unknown`: a name the town does not have; `other_street`: another street's name. */
  form: NameForm;
  written: string;
}

export interface GeneratedSurvey {
  workspace: Workspace;
  csv: Uint8Array;
  /** The same CSV as text (before encoding). */
  text: string;
  truth: TruthRow[];
}

const ORIGIN = { lng: 23.455, lat: 51.125 };
const M_PER_DEG_LAT = 111_320;
const M_PER_DEG_LNG = 111_320 * Math.cos((ORIGIN.lat * Math.PI) / 180);
const toLngLat = (xMeters: number, yMeters: number): [number, number] => [
  Math.round((ORIGIN.lng + xMeters / M_PER_DEG_LNG) * 1e7) / 1e7,
  Math.round((ORIGIN.lat + yMeters / M_PER_DEG_LAT) * 1e7) / 1e7,
];

const slug = (text: string): string => text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** "Jana Matejki" → "Matejki Jana", "Ofiar Katynia" → "Katynia Ofiar": the register's main word first. Numerals stay last. */
function registerOrder(name: string): string {
  const words = name.split(' ');
  if (words.length < 2 || /^(II|III|\d+)$/.test(words[words.length - 1]!) || /^\d/.test(words[0]!)) return name;
  return [words[words.length - 1], ...words.slice(0, -1)].join(' ');
}

/** "Jana Matejki" → "J. Matejki"; "Świętego Mikołaja" → "Św. Mikołaja"; "Generała …" → "Gen. …"; one-word names keep their prefix. */
function abbreviated(prefix: string, name: string): string {
  const words = name.split(' ');
  const titles: Record<string, string> = { Świętego: 'Św.', Świętej: 'Św.', Generała: 'Gen.', Kardynała: 'Kard.' };
  if (words.length === 1) return `${prefix} ${name}`;
  const first = titles[words[0]!] ?? (/^\d/.test(words[0]!) ? words[0]! : `${words[0]![0]}.`);
  return `${prefix} ${[first, ...words.slice(1)].join(' ')}`;
}

const stripDiacritics = (text: string): string => text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');

/** One clerk's slip in the longest word: a letter doubled, dropped or two letters swapped. */
function misspelt(name: string, random: () => number): string {
  const words = name.split(' ');
  let longest = 0;
  words.forEach((w, i) => {
    if (w.length > words[longest]!.length) longest = i;
  });
  const w = words[longest]!;
  if (w.length < 6) return name;
  const at = 1 + Math.floor(random() * (w.length - 3));
  const kind = Math.floor(random() * 3);
  words[longest] = kind === 0 ? w.slice(0, at) + w[at] + w.slice(at) : kind === 1 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  return words.join(' ');
}

const to2180 = proj4(CRS_DEFINITIONS['EPSG:4326'], CRS_DEFINITIONS['EPSG:2180']);
const decimalComma = (v: number): string => v.toFixed(2).replace('.', ',');

/**
 * A 6 × 6 km grid town: 16 east–west and 16 north–south streets 350 m apart, each carrying houses on both sides
 * 12–25 m from its line, never within 45 m of a crossing; and `rows` survey answers, one per random house.
 * Name forms (per row): official 33 %, register order 25 %, abbreviated 12 %, capitals without diacritics 12 %,
 * misspelt 12 %, a name the town does not have 5 %, another street's name 1 %.
 */
export function generateSurvey(seed = 2026, rows = 3000): GeneratedSurvey {
  const random = mulberry32(seed);
  const spacing = 350;
  const span = 16 * spacing;
  const streets: Street[] = [];
  const addresses: Address[] = [];
  STREET_NAMES.forEach(([prefix, name], k) => {
    const horizontal = k % 2 === 0;
    const offset = (Math.floor(k / 2) + 0.5) * spacing;
    const from = horizontal ? toLngLat(0, offset) : toLngLat(offset, 0);
    const to = horizontal ? toLngLat(span, offset) : toLngLat(offset, span);
    const id = `street-${slug(name)}`;
    streets.push({ id, prefix, name, geometry: { type: 'MultiLineString', coordinates: [[from, to]] } });
    let number = 1;
    for (let along = 60; along < span - 60; along += 28) {
      const toCrossing = (along - spacing / 2) % spacing;
      const nearCrossing = Math.min(Math.abs(toCrossing), spacing - Math.abs(toCrossing));
      if (along < spacing / 2 || nearCrossing < 45) continue;
      for (const side of [-1, 1]) {
        const away = side * (12 + random() * 13);
        const [lng, lat] = horizontal ? toLngLat(along, offset + away) : toLngLat(offset + away, along);
        addresses.push({ id: `addr-${slug(name)}-${number}`, streetId: id, houseNumber: String(number), location: { type: 'Point', coordinates: [lng, lat] }, households: 1 + Math.floor(random() * 6) });
        number++;
      }
    }
  });

  const streetOf = new Map(streets.map((s) => [s.id, s]));
  const header = ['Lp', 'Data wywiadu', 'Ulica', 'Nr', 'X', 'Y', 'osoby', 'Potrzeby', 'Uwagi ankietera'];
  const lines = [header.join(';')];
  const truth: TruthRow[] = [];
  const codes = Object.keys(LOCAL_NEED_CODES);
  for (let r = 0; r < rows; r++) {
    const address = addresses[Math.floor(random() * addresses.length)]!;
    const street = streetOf.get(address.streetId)!;
    const roll = random();
    let form: NameForm;
    let written: string;
    if (roll < 0.33) { form = 'official'; written = `${street.prefix} ${street.name}`; }
    else if (roll < 0.58) { form = 'register'; written = registerOrder(street.name); }
    else if (roll < 0.70) { form = 'abbreviated'; written = abbreviated(street.prefix, street.name); }
    else if (roll < 0.82) { form = 'capitals'; written = stripDiacritics(street.name).toUpperCase(); }
    else if (roll < 0.94) { form = 'misspelt'; written = misspelt(random() < 0.5 ? registerOrder(street.name) : street.name, random); }
    else if (roll < 0.99) { form = 'unknown'; written = ['Brak nazwy', 'nieczytelne', 'Zagumienna', 'Bez ulicy'][Math.floor(random() * 4)]!; }
    else {
      form = 'other_street';
      let other = streets[Math.floor(random() * streets.length)]!;
      if (other.id === street.id) other = streets[(streets.indexOf(other) + 1) % streets.length]!;
      written = other.name;
    }
    const [lng, lat] = address.location.coordinates as [number, number];
    const [x, y] = to2180.forward([lng + (random() - 0.5) * 4e-5, lat + (random() - 0.5) * 4e-5]) as [number, number];
    const number = random() < 0.15 ? `${address.houseNumber}/${1 + Math.floor(random() * 9)}` : address.houseNumber;
    const needs = new Set<string>();
    const count = Math.floor(random() * 3);
    for (let n = 0; n < count; n++) needs.add(random() < 0.6 ? codes[Math.floor(random() * codes.length)]! : PRODUCT_NEED_WORDS[Math.floor(random() * PRODUCT_NEED_WORDS.length)]!);
    const day = 1 + Math.floor(random() * 28);
    const cells = [String(r + 1), `${String(day).padStart(2, '0')}.10.2026`, written, number, decimalComma(x), decimalComma(y), String(1 + Math.floor(random() * 6)), [...needs].join(', '), random() < 0.1 ? 'drzwi otworzyła sąsiadka' : ''];
    lines.push(cells.join(';'));
    truth.push({ displayRow: r + 2, streetId: street.id, addressId: address.id, form, written });
  }
  const text = `${lines.join('\r\n')}\r\n`;
  const workspace: Workspace = { ...townWorkspace(), streets, addresses, campaigns: [structuredClone(CAMPAIGN)] };
  return { workspace, csv: encodeCp1250(text), text, truth };
}

// CLI: write the files for trying the wizard by hand.
const invokedDirectly = typeof process !== 'undefined' && process.argv[1] !== undefined && /surveyGenerator\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  const [dir, seedText, rowsText] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: npx tsx tests/data/import/surveyGenerator.ts <dir> [seed] [rows]');
    process.exit(2);
  }
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const survey = generateSurvey(Number(seedText ?? 2026), Number(rowsText ?? 3000));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ankiety.csv'), survey.csv);
  writeFileSync(join(dir, 'truth.json'), JSON.stringify(survey.truth, null, 1));
  writeFileSync(join(dir, 'workspace.json'), JSON.stringify(survey.workspace));
  console.log(`wrote ${survey.truth.length} rows to ${dir}`);
}
