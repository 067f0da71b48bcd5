import type { FieldProblem } from '../../domain/issues';
import type { CrsCode, ValueMappingField } from '../../domain/importing';

/**
 * Every message the import pipeline gives, as a code with typed parameters (STYLE.md habit 20): the pipeline never
 * writes a sentence, the wizard words each code from its dictionary (`importMsg_<code>` in Polish and English).
 * Where it happened (row, column, value) travels beside the message on the ImportIssue; parameters carry only what
 * the sentence itself needs. Parameters are plain text and numbers from the file: render them as text, never HTML.
 *
 *   { code: 'unknown_street', … } is never built by hand: `importMessage('row_cell_count', { cells: 5, columns: 4 })`
 *   type-checks the parameters of its code.
 */

/** Why an address did not match (addressMatcher's reason). */
export type MatchReason = 'no_street_text' | 'unknown_street' | 'ambiguous_street' | 'unknown_house_number' | 'no_house_number' | 'name_far_from_point';

/** An address that did not match: the reason and what the matcher suggests instead (street labels, house numbers). */
export interface MatchDetail {
  reason: MatchReason;
  streets: string[];
  numbers: string[];
}

/** A coordinate-system candidate as a message names it: which system, axis order, share of sampled points in Poland. */
export interface CrsGuess {
  crs: CrsCode;
  swapped: boolean;
  /** Percent of the sampled points that land in Poland, 0–100. */
  inPoland: number;
  sampled: number;
}

/** A list item that is no known id: needs, nuisances, offers (value-mappable) or leader interests. */
export type ListWhat = ValueMappingField | 'interests';

/** Each code with its parameters; `{}` for a message that needs none. */
export interface ImportMessageParams {
  // The file as a whole
  file_empty: object; // no header row and no data
  no_data_rows: object; // a header row but no data rows
  no_features: object; // a GeoJSON file without features
  not_json: { reason: string }; // the JSON parser's own words, shown as they are
  unreadable_text: { reason: string };
  csv_unclosed_quote: object;
  csv_stray_quote: object;
  csv_unreadable: { reason: string };
  row_cell_count: { cells: number; columns: number };
  duplicate_column: { name: string; count: number };
  streets_need_geojson: object;
  streets_no_names: { column: string; columns: string }; // no line has a street name in the chosen column
  responses_need_csv: object;
  geojson_not_object: object;
  geojson_no_features_list: object;
  geojson_wrong_type: { type: string };
  geojson_not_feature: object;
  geojson_properties_not_object: object;
  more_not_listed: { count: number };
  // Settings and columns
  choose_campaign: object;
  unknown_campaign: { campaign: string };
  mapping_kind_mismatch: { mapping: string; kind: string };
  personal_data_columns: { columns: string[] };
  no_such_column: { column: string };
  personal_data_column: { column: string };
  map_address_columns: object; // addresses: an address column, or street and house number
  map_xy_columns: object; // addresses: x and y
  map_name_column: object; // resources
  map_xy_or_address: object; // resources
  map_date_column: object; // responses
  map_address_or_street: object; // responses
  household_size_default: { default: number };
  no_household_counts: { residents: string };
  // Coordinate system
  crs_none_fits: object;
  crs_guessed: { guess: CrsGuess };
  crs_unclear: { candidates: CrsGuess[] };
  crs_points_outside: { crs: CrsCode; best: CrsGuess | null };
  crs_some_outside: { percent: number };
  // Geometry of one feature or row
  geometry_no_type: object;
  geometry_unsupported: { type: string };
  geometry_not_point: { type: string };
  polygon_no_centre: object;
  position_not_pair: object;
  coordinates_not_nested: object;
  position_not_finite: object;
  position_not_convertible: object;
  x_not_number: object;
  y_not_number: object;
  // One row
  no_coordinates: object; // addresses: a row without x and y
  no_location: object; // resources and responses: neither address nor coordinates
  street_unmatched: MatchDetail; // addresses: the street is not in the workspace (import the streets first)
  resource_address_unmatched: MatchDetail; // resources: no coordinates and the address did not match
  address_unmatched: MatchDetail; // responses: the row is an error
  address_kept_on_street: MatchDetail; // responses: the answer stays on its street
  address_row_left_out: MatchDetail; // responses with onUnmatched: skip
  street_from_point: { written: string; street: string; distance: number };
  street_far_from_point: { written: string; street: string; distance: number; nearest: string };
  unknown_value: { field: ValueMappingField; value: string }; // value-mappable list item
  unknown_list_value: { what: ListWhat; value: string }; // leader interests (not value-mappable)
  unknown_resource_kind: { value: string };
  bad_date_form: object;
  /** The answer's date lies outside the wave's dates (kept: a late visit or a typo the planner should look at). */
  date_outside_wave: { date: string; start: string; end: string; wave: string };
  /** More answers than are listed one by one are dated outside the wave (is the file on the right wave?). */
  dates_outside_wave: { count: number; listed: number; start: string; end: string; wave: string };
  severity_range: object;
  yes_no_cell: object;
  leader_consent_yes_no: object;
  already_imported: object;
  kept_on_streets_without_addresses: { count: number };
  duplicate_id: { id: string };
  /** The file's records lie about `km` km from the workspace's town (townDistance.ts): blocks until the user says it is right. */
  far_from_town: { km: number; town: string };
  // Streets from OpenStreetMap
  unnamed_lines: { count: number; features: number[] }; // features: the first ten feature numbers
  line_several_names: { names: string[]; first: string };
  street_replaced: { street: string };
  /** A line of the street whose points all lie in one place: left out (PostGIS refuses such a line). */
  line_one_point_left_out: { street: string };
  /** Lines of one street written two ways ("1 Pułku…" / "1. Pułku…"): imported as one street under the commoner spelling. */
  street_spellings_merged: { street: string; others: string[]; lines: number };
  // A workspace file (workspaceFile.ts)
  workspace_not_object: object;
  workspace_wrong_format: { format: string };
  workspace_no_version: object;
  workspace_newer: { version: number; supported: number };
  workspace_no_upgrade: { from: number; step: number };
  workspace_upgrade_failed: { step: number; reason: string };
  address_point_left_out: { cause: ImportMessage | null; problem: FieldProblem | null }; // why, as a message or a schema's problem
}

export type ImportMessageCode = keyof ImportMessageParams;
export type ImportMessage = { [C in ImportMessageCode]: { code: C } & ImportMessageParams[C] }[ImportMessageCode];
export type ImportMessageOf<C extends ImportMessageCode> = Extract<ImportMessage, { code: C }>;

/** Builds a message, checking the parameters of its code. */
export function importMessage<C extends ImportMessageCode>(code: C, ...params: object extends ImportMessageParams[C] ? [ImportMessageParams[C]?] : [ImportMessageParams[C]]): ImportMessageOf<C> {
  return { code, ...(params[0] ?? {}) } as ImportMessageOf<C>;
}

/**
 * Every code once (the order of the dictionary). Typed as a record so a code added to ImportMessageParams without
 * being listed here does not compile.
 */
const CODES: Readonly<Record<ImportMessageCode, true>> = {
  file_empty: true, no_data_rows: true, no_features: true, not_json: true, unreadable_text: true, csv_unclosed_quote: true, csv_stray_quote: true,
  csv_unreadable: true, row_cell_count: true, duplicate_column: true, streets_need_geojson: true, streets_no_names: true, responses_need_csv: true, geojson_not_object: true,
  geojson_no_features_list: true, geojson_wrong_type: true, geojson_not_feature: true, geojson_properties_not_object: true, more_not_listed: true,
  choose_campaign: true, unknown_campaign: true, mapping_kind_mismatch: true, personal_data_columns: true, no_such_column: true, personal_data_column: true,
  map_address_columns: true, map_xy_columns: true, map_name_column: true, map_xy_or_address: true, map_date_column: true, map_address_or_street: true,
  household_size_default: true, no_household_counts: true, crs_none_fits: true, crs_guessed: true, crs_unclear: true, crs_points_outside: true,
  crs_some_outside: true, geometry_no_type: true, geometry_unsupported: true, geometry_not_point: true, polygon_no_centre: true, position_not_pair: true,
  coordinates_not_nested: true, position_not_finite: true, position_not_convertible: true, x_not_number: true, y_not_number: true, no_coordinates: true,
  no_location: true, street_unmatched: true, resource_address_unmatched: true, address_unmatched: true, address_kept_on_street: true, address_row_left_out: true,
  street_from_point: true, street_far_from_point: true, unknown_value: true, unknown_list_value: true, unknown_resource_kind: true, bad_date_form: true, date_outside_wave: true, dates_outside_wave: true,
  severity_range: true, yes_no_cell: true, leader_consent_yes_no: true, already_imported: true, kept_on_streets_without_addresses: true, duplicate_id: true, far_from_town: true,
  unnamed_lines: true, line_several_names: true, street_replaced: true, line_one_point_left_out: true, street_spellings_merged: true, address_point_left_out: true, workspace_not_object: true,
  workspace_wrong_format: true, workspace_no_version: true, workspace_newer: true, workspace_no_upgrade: true, workspace_upgrade_failed: true,
};
export const IMPORT_MESSAGE_CODES = Object.keys(CODES) as ImportMessageCode[];

/** A message for logs and tests: `row_cell_count {"cells":5,"columns":4}`. Not for users (the UI words the code). */
export function importMessageLogText(message: ImportMessage): string {
  const { code, ...params } = message;
  return Object.keys(params).length ? `${code} ${JSON.stringify(params)}` : code;
}
