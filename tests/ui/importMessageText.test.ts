import { describe, expect, it } from 'vitest';
import { IMPORT_MESSAGE_CODES, type ImportMessage, type ImportMessageCode, type ImportMessageOf } from '../../src/data/import';
import { FIELD_PROBLEM_CODES, FIELD_RULES, type FieldProblem } from '../../src/domain';
import { importMessageText } from '../../src/ui/importWizard/issueText';
import { problemText } from '../../src/ui/i18n/problemText';
import { ENGLISH_WORDS } from './englishWords';

const guess = { crs: 'EPSG:2180' as const, swapped: false, inPoland: 100, sampled: 12 };
const match = { reason: 'unknown_street' as const, streets: ['ul. Lubelska', 'ul. Lwowska'], numbers: [] };

/**
 * One message of every code, with parameters a reader can find again in the text. The type makes the table complete:
 * a code added to the pipeline without a sample here does not compile.
 */
const SAMPLES: { readonly [C in ImportMessageCode]: ImportMessageOf<C> } = {
  file_empty: { code: 'file_empty' },
  no_data_rows: { code: 'no_data_rows' },
  no_features: { code: 'no_features' },
  not_json: { code: 'not_json', reason: 'Unexpected token ] at 17' },
  unreadable_text: { code: 'unreadable_text', reason: 'decoder 42' },
  csv_unclosed_quote: { code: 'csv_unclosed_quote' },
  csv_stray_quote: { code: 'csv_stray_quote' },
  csv_unreadable: { code: 'csv_unreadable', reason: 'papaparse 7' },
  row_cell_count: { code: 'row_cell_count', cells: 5, columns: 4 },
  duplicate_column: { code: 'duplicate_column', name: 'Ulica', count: 2 },
  streets_need_geojson: { code: 'streets_need_geojson' },
  streets_no_names: { code: 'streets_no_names', column: 'a6', columns: 'l, a4, a6' },
  responses_need_csv: { code: 'responses_need_csv' },
  geojson_not_object: { code: 'geojson_not_object' },
  geojson_no_features_list: { code: 'geojson_no_features_list' },
  geojson_wrong_type: { code: 'geojson_wrong_type', type: 'Topology' },
  geojson_not_feature: { code: 'geojson_not_feature' },
  geojson_properties_not_object: { code: 'geojson_properties_not_object' },
  more_not_listed: { code: 'more_not_listed', count: 37 },
  choose_campaign: { code: 'choose_campaign' },
  unknown_campaign: { code: 'unknown_campaign', campaign: 'fala-9' },
  mapping_kind_mismatch: { code: 'mapping_kind_mismatch', mapping: 'addresses', kind: 'resources' },
  personal_data_columns: { code: 'personal_data_columns', columns: ['Imię i nazwisko', 'Telefon'] },
  no_such_column: { code: 'no_such_column', column: 'Gospodarstwa' },
  personal_data_column: { code: 'personal_data_column', column: 'PESEL' },
  map_address_columns: { code: 'map_address_columns' },
  map_xy_columns: { code: 'map_xy_columns' },
  map_name_column: { code: 'map_name_column' },
  map_xy_or_address: { code: 'map_xy_or_address' },
  map_date_column: { code: 'map_date_column' },
  map_address_or_street: { code: 'map_address_or_street' },
  household_size_default: { code: 'household_size_default', default: 3 },
  no_household_counts: { code: 'no_household_counts', residents: 'Liczba mieszkańców' },
  crs_none_fits: { code: 'crs_none_fits' },
  crs_guessed: { code: 'crs_guessed', guess },
  crs_unclear: { code: 'crs_unclear', candidates: [guess, { crs: 'EPSG:2177', swapped: true, inPoland: 96, sampled: 12 }] },
  crs_points_outside: { code: 'crs_points_outside', crs: 'EPSG:4326', best: guess },
  crs_some_outside: { code: 'crs_some_outside', percent: 14 },
  geometry_no_type: { code: 'geometry_no_type' },
  geometry_unsupported: { code: 'geometry_unsupported', type: 'Circle' },
  geometry_not_point: { code: 'geometry_not_point', type: 'LineString' },
  polygon_no_centre: { code: 'polygon_no_centre' },
  position_not_pair: { code: 'position_not_pair' },
  coordinates_not_nested: { code: 'coordinates_not_nested' },
  position_not_finite: { code: 'position_not_finite' },
  position_not_convertible: { code: 'position_not_convertible' },
  x_not_number: { code: 'x_not_number' },
  y_not_number: { code: 'y_not_number' },
  no_coordinates: { code: 'no_coordinates' },
  no_location: { code: 'no_location' },
  street_unmatched: { code: 'street_unmatched', ...match },
  resource_address_unmatched: { code: 'resource_address_unmatched', ...match },
  address_unmatched: { code: 'address_unmatched', ...match },
  address_kept_on_street: { code: 'address_kept_on_street', reason: 'unknown_house_number', streets: [], numbers: ['5', '7'] },
  address_row_left_out: { code: 'address_row_left_out', reason: 'ambiguous_street', streets: [], numbers: [] },
  street_from_point: { code: 'street_from_point', written: 'Lutaków Rodziny', street: 'ul. Świętej Rodziny', distance: 22 },
  street_far_from_point: { code: 'street_far_from_point', written: 'Świętej Rodziny', street: 'ul. Świętej Rodziny', distance: 470, nearest: 'ul. Świętego Mikołaja' },
  unknown_value: { code: 'unknown_value', field: 'nuisances', value: 'hałas z baru' },
  unknown_list_value: { code: 'unknown_list_value', what: 'interests', value: 'szachy' },
  unknown_resource_kind: { code: 'unknown_resource_kind', value: 'świetlica' },
  bad_date_form: { code: 'bad_date_form' },
  dates_outside_wave: { code: 'dates_outside_wave', count: 3000, listed: 20, start: '2025-04-01', end: '2025-05-31', wave: 'Wiosna 2025' },
  date_outside_wave: { code: 'date_outside_wave', date: '2024-05-05', start: '2025-04-01', end: '2025-05-31', wave: 'Wiosna 2025' },
  severity_range: { code: 'severity_range' },
  yes_no_cell: { code: 'yes_no_cell' },
  leader_consent_yes_no: { code: 'leader_consent_yes_no' },
  already_imported: { code: 'already_imported' },
  kept_on_streets_without_addresses: { code: 'kept_on_streets_without_addresses', count: 3 },
  duplicate_id: { code: 'duplicate_id', id: 'addr-polna-1' },
  far_from_town: { code: 'far_from_town', km: 467, town: 'Dębowo' },
  unnamed_lines: { code: 'unnamed_lines', count: 12, features: [3, 8] },
  line_several_names: { code: 'line_several_names', names: ['Polna', 'Łąkowa'], first: 'Polna' },
  street_replaced: { code: 'street_replaced', street: 'ul. Lwowska' },
  line_one_point_left_out: { code: 'line_one_point_left_out', street: 'ul. Kropkowa' },
  street_spellings_merged: { code: 'street_spellings_merged', street: 'ul. 1 Pułku Szwoleżerów', others: ['ul. 1. Pułku Szwoleżerów'], lines: 1 },
  workspace_not_object: { code: 'workspace_not_object' },
  workspace_wrong_format: { code: 'workspace_wrong_format', format: 'cal-map-workspace' },
  workspace_no_version: { code: 'workspace_no_version' },
  workspace_newer: { code: 'workspace_newer', version: 7, supported: 1 },
  workspace_no_upgrade: { code: 'workspace_no_upgrade', from: 1, step: 2 },
  workspace_upgrade_failed: { code: 'workspace_upgrade_failed', step: 1, reason: 'brak pola 9' },
  address_point_left_out: { code: 'address_point_left_out', cause: { code: 'unknown_resource_kind', value: 'kiosk' }, problem: null },
};

/** The values a text must show: every string and number among the parameters, lists and nested messages included. */
function shownValues(msg: ImportMessage): string[] {
  const out: string[] = [];
  const visit = (key: string, value: unknown) => {
    if (key === 'code' || key === 'reason' && typeof value === 'string' && /^[a-z_]+$/.test(value)) return; // a code, worded
    if (key === 'crs' || key === 'field' || key === 'what' || key === 'swapped') return; // worded by the UI (a name, a word)
    if (typeof value === 'string' && value !== '') out.push(value);
    else if (typeof value === 'number' && key !== 'default') out.push(String(value));
    else if (Array.isArray(value)) value.forEach((v) => visit(key, v));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(k, v);
  };
  for (const [key, value] of Object.entries(msg)) visit(key, value);
  return out;
}

const words = (text: string) => text.split(/[^\p{L}]+/u).filter(Boolean);

describe('every import message code in words', () => {
  it('the table covers every code once', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...IMPORT_MESSAGE_CODES].sort());
  });

  it.each(IMPORT_MESSAGE_CODES)('%s: Polish and English, with its parameters, no placeholder left, no English in the Polish', (code) => {
    const msg = SAMPLES[code];
    const pl = importMessageText(msg, 'pl');
    const en = importMessageText(msg, 'en');
    expect(pl).not.toBe(en);
    for (const text of [pl, en]) {
      expect(text, text).not.toMatch(/\{\w+\}/);
      expect(text.trim()).not.toBe('');
      // Numbers are formatted for the language (1113 → "1113" in Polish below 10 000, "1,113" in English).
      for (const value of shownValues(msg)) expect(text.replace(/(\d),(\d{3})/g, '$1$2'), `${code}: ${value}`).toContain(value);
    }
    // Parameters come from the file (street names, reasons from a parser) and may hold anything: check the template's words.
    const own = words(pl).filter((w) => !shownValues(msg).some((v) => v.includes(w)));
    expect(own.filter((w) => ENGLISH_WORDS.has(w.toLowerCase())), pl).toEqual([]);
  });

  it('words the reason of an unmatched address and its suggestions', () => {
    expect(importMessageText(SAMPLES.address_kept_on_street, 'pl')).toBe('ulica jest znana, ale tego numeru domu nie ma w danych; numery na tej ulicy w pobliżu: 5, 7; odpowiedź zostanie przypisana do ulicy');
    expect(importMessageText(SAMPLES.street_unmatched, 'en')).toBe('no street of this name in the workspace; did you mean ul. Lubelska, ul. Lwowska?; import the streets first');
    expect(importMessageText(SAMPLES.crs_guessed, 'pl')).toBe('układ współrzędnych rozpoznano automatycznie — PUWG 1992 (EPSG:2180, układ krajowy): 100% z 12 sprawdzonych punktów leży w Polsce; potwierdź go, patrząc na podgląd mapy');
    expect(importMessageText(SAMPLES.unknown_value, 'pl')).toBe('„hałas z baru” — tej wartości (uciążliwości) nie znamy; wskaż jej znaczenie w kroku „Wartości w pliku”');
    expect(importMessageText(SAMPLES.address_point_left_out, 'pl')).toBe('punkt adresowy pominięty: „kiosk” nie jest znanym rodzajem instytucji (np. szkoła, biblioteka, dom kultury, parafia, NGO, MOPS, inne)');
  });
});

/** One problem of every code the domain reads from zod, and every rule. */
const PROBLEMS: FieldProblem[] = [
  { code: 'wrong_type', expected: 'number' },
  { code: 'wrong_type', expected: 'int' },
  { code: 'wrong_type', expected: 'string' },
  { code: 'wrong_type', expected: 'boolean' },
  { code: 'wrong_type', expected: 'array' },
  { code: 'wrong_type', expected: 'object' },
  { code: 'wrong_type', expected: 'bigint' },
  { code: 'too_small', origin: 'number', minimum: 1, inclusive: true },
  { code: 'too_small', origin: 'number', minimum: 0, inclusive: false },
  { code: 'too_small', origin: 'string', minimum: 1, inclusive: true },
  { code: 'too_small', origin: 'string', minimum: 3, inclusive: true },
  { code: 'too_small', origin: 'array', minimum: 2, inclusive: true },
  { code: 'too_big', origin: 'number', maximum: 1000, inclusive: true },
  { code: 'too_big', origin: 'number', maximum: 1, inclusive: false },
  { code: 'too_big', origin: 'string', maximum: 200, inclusive: true },
  { code: 'too_big', origin: 'array', maximum: 12, inclusive: true },
  { code: 'not_one_of', values: ['1', '2', '3'] },
  { code: 'bad_format', format: 'date' },
  { code: 'bad_format', format: 'datetime' },
  { code: 'bad_format', format: 'regex' },
  { code: 'unknown_keys', keys: ['zz', 'extra'] },
  { code: 'invalid' },
  ...FIELD_RULES.map((rule) => ({ code: 'rule' as const, rule })),
];

describe('every field problem in words', () => {
  it('covers every problem code', () => {
    expect(new Set(PROBLEMS.map((p) => p.code))).toEqual(new Set(FIELD_PROBLEM_CODES));
  });

  it.each(PROBLEMS.map((p) => [JSON.stringify(p), p] as const))('%s', (_, problem) => {
    const pl = problemText(problem, 'pl');
    const en = problemText(problem, 'en');
    expect(pl).not.toBe(en);
    for (const text of [pl, en]) expect(text).not.toMatch(/\{\w+\}/);
    expect(words(pl).filter((w) => ENGLISH_WORDS.has(w.toLowerCase())), pl).toEqual([]);
    // "must not be empty" says its minimum of one character without the number.
    const nonEmpty = problem.code === 'too_small' && problem.origin === 'string' && problem.minimum <= 1;
    if (!nonEmpty) for (const value of Object.entries(problem).filter(([k]) => k !== 'code' && k !== 'origin' && k !== 'inclusive' && k !== 'rule' && k !== 'expected' && k !== 'format').flatMap(([, v]) => (Array.isArray(v) ? v : [v]))) {
      expect(pl.replace(/\s/g, ''), String(value)).toContain(String(value));
    }
  });
});
