import { fieldProblemOf, type Address, type Resource, type Street, type SurveyResponse, type Workspace } from '../../domain';
import {
  ColumnMapping, ImportKind, ImportSettings,
  type CrsChoice, type ImportSettingsInput,
} from '../../domain/importing';
import { abortError, throwIfAborted } from '../abort';
import { buildAddressMatcher } from './addressMatcher';
import { parseNumberCell } from './cells';
import { mappedColumns, findPersonalDataColumns, suggestColumnMapping } from './columnMapping';
import { createReprojector, crsGuess, detectCrs, isConfidentGuess, type CrsCandidate, type Reprojector } from './crs';
import { importMessage } from './importMessages';
import { readCsv, type CsvDelimiter } from './csvTable';
import { collectPositions, readGeoJson } from './geojsonFile';
import { IssueCollector, type ImportIssue } from './importIssues';
import { cellReader, tableFromCsv, tableFromFeatures, type ImportTable } from './importTable';
import { MatchReportBuilder, type MatchReport } from './matchReport';
import { streetsFromOsm, type UnnamedWay } from './osmStreets';
import { addressFromRow, OUTSIDE_WAVE_LISTED, resourceFromRow, responseFromRow, type RowContext } from './rowConverters';
import { countFingerprints } from './responseFingerprint';
import { buildStreetProximity } from './streetProximity';
import { textOf, type EncodingReason } from './textDecoding';
import { farFromTownKm, medianCentre } from './townDistance';
import { foldLabel } from './vocabulary';
import { UnknownValueCounter, type UnknownValue } from './unknownValues';

export interface ImportRecords {
  streets: Street[];
  addresses: Address[];
  resources: Resource[];
  responses: SurveyResponse[];
}

export interface ImportPlan {
  kind: ImportKind;
  /** True when no issue is an error; only then do `records` hold anything. */
  ok: boolean;
  records: ImportRecords;
  issues: ImportIssue[];
  errorCount: number;
  warningCount: number;
  matchReport?: MatchReport;
  columns?: { headers: string[]; mapping: ColumnMapping; suggested: boolean; personalData: string[] };
  crs?: { used: CrsChoice; candidates: CrsCandidate[]; fromSettings: boolean };
  file: { format: 'csv' | 'geojson'; encoding: string; encodingReason: EncodingReason | null; delimiter?: CsvDelimiter; rowCount: number };
  /** OSM lines without a name (streets kind). */
  unnamedWays?: UnnamedWay[];
  /** Set when the records' centre lies more than 30 km from the workspace's town (townDistance.ts); blocks unless `acceptFarFromTown`. */
  farFromTown?: { distanceKm: number };
  /** Survey answers: each distinct need / nuisance / offer value the taxonomy does not know, with its count; `mapped` when the user decided it. */
  unknownValues?: UnknownValue[];
  /**
   * The partial import (issue 12): the records of the rows WITHOUT errors, and the rows left out with their first
   * issues and cells (for the rejected-rows CSV). `allowed` when nothing blocks the whole file (no error without a
   * row: columns, coordinate system, campaign) and some row is valid. When `ok`, `records` are the same arrays.
   */
  partial: { allowed: boolean; records: ImportRecords; rejected: RejectedRow[]; headers: string[] };
}

/** A row left out of a partial import: where it is, what was wrong (first issues), and its cells as read. */
export interface RejectedRow {
  row: number;
  displayRow: number;
  issues: ImportIssue[];
  cells: string[];
}

export interface PlanOptions {
  fileName?: string;
  signal?: AbortSignal;
  /** Called with rows done and rows in all, after each chunk and at the end. */
  onProgress?: (done: number, total: number) => void;
}

const emptyRecords = (): ImportRecords => ({ streets: [], addresses: [], resources: [], responses: [] });
const CHUNK_ROWS = 2000;
const YIELD_AFTER_MS = 30;
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function looksLikeJson(text: string, fileName: string | undefined): boolean {
  if (fileName && /\.(geo)?json$/i.test(fileName)) return true;
  if (fileName && /\.(csv|tsv|txt)$/i.test(fileName)) return false;
  return /^\s*[{[]/.test(text);
}

/**
 * Plans an import: reads the file (encoding, delimiter, GeoJSON), maps columns, reprojects, matches addresses,
 * and validates every record with the domain schemas. Nothing is written. All or nothing: `records` are empty when
 * any issue is an error. Never throws on bad input; an abort rejects with an AbortError. O(rows) plus O(vertices).
 * @example
 * const plan = await planImport('responses', bytes, { campaignId: 'campaign-2025-w1' }, workspace, { onProgress });
 * if (plan.ok) await commitImport(plan, dataSource);
 */
export async function planImport(kindInput: ImportKind, input: Uint8Array | ArrayBuffer | string, settingsInput: ImportSettingsInput, workspace: Workspace, options: PlanOptions = {}): Promise<ImportPlan> {
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const issues = new IssueCollector(options.fileName ?? 'file');
  const failed = (file: ImportPlan['file'], extra: Partial<ImportPlan> = {}): ImportPlan => ({
    kind: kindInput, ok: false, records: emptyRecords(), issues: issues.finish(), errorCount: issues.errorCount, warningCount: issues.warningCount, file,
    partial: { allowed: false, records: emptyRecords(), rejected: [], headers: [] }, ...extra,
  });
  const kindParse = ImportKind.safeParse(kindInput);
  const settingsParse = ImportSettings.safeParse(settingsInput ?? {});
  const noFile = { format: 'csv' as const, encoding: '', encodingReason: null, rowCount: 0 };
  if (!kindParse.success) issues.problem('(kind)', fieldProblemOf(kindParse.error.issues[0]!), kindParse.error.issues[0]!.message, { value: String(kindInput) });
  if (!settingsParse.success) for (const z of settingsParse.error.issues) issues.problem(`settings.${z.path.join('.')}`, fieldProblemOf(z), z.message);
  if (!kindParse.success || !settingsParse.success) return failed(noFile);
  const kind = kindParse.data;
  const settings = settingsParse.data;
  if (kind === 'responses' && !settings.campaignId) issues.error('campaignId', importMessage('choose_campaign'));
  if (settings.campaignId && kind === 'responses' && !workspace.campaigns.some((c) => c.id === settings.campaignId)) {
    issues.error('campaignId', importMessage('unknown_campaign', { campaign: settings.campaignId }), { value: settings.campaignId });
  }

  // 1. Read the file.
  let decoded;
  try {
    decoded = textOf(input, settings.encoding);
  } catch (error) {
    issues.error('(file)', importMessage('unreadable_text', { reason: error instanceof Error ? error.message : String(error) }));
    return failed(noFile);
  }
  const format: 'csv' | 'geojson' = looksLikeJson(decoded.text, options.fileName) ? 'geojson' : 'csv';
  const file: ImportPlan['file'] = { format, encoding: decoded.encoding, encodingReason: decoded.reason, rowCount: 0 };
  if (kind === 'streets' && format !== 'geojson') {
    issues.error('(file)', importMessage('streets_need_geojson'));
    return failed(file);
  }
  if (kind === 'responses' && format !== 'csv') {
    issues.error('(file)', importMessage('responses_need_csv'));
    return failed(file);
  }
  let table: ImportTable;
  let positions: [number, number][] = [];
  let crsMember: unknown;
  let features: ReturnType<typeof readGeoJson>['features'] = [];
  if (format === 'csv') {
    const csv = readCsv(decoded.text, issues, settings.delimiter ? { delimiter: settings.delimiter } : {});
    file.delimiter = csv.delimiter;
    table = tableFromCsv(csv.table);
  } else {
    const geo = readGeoJson(decoded.text, issues);
    features = geo.features;
    crsMember = geo.crsMember;
    table = tableFromFeatures(features);
    positions = collectPositions(features);
  }
  file.rowCount = table.rows.length;
  if (table.rows.length === 0 && !issues.hasErrors) issues.error('(file)', importMessage(format === 'csv' ? 'no_data_rows' : 'no_features'));
  throwIfAborted(signal);

  // 2. Columns.
  let mapping: ColumnMapping;
  let suggested = false;
  if (settings.columnMapping) {
    mapping = settings.columnMapping;
    if (mapping.kind !== kind) issues.error('columnMapping.kind', importMessage('mapping_kind_mismatch', { mapping: mapping.kind, kind }));
  } else {
    mapping = suggestColumnMapping(kind, table.headers);
    suggested = true;
    // A municipal street-axis layer names its columns its own way (Poznań: a3, a6): without an OSM `name`, the text
    // column with the most distinct names is the likely one; the user sees it in the mapping and can change it.
    if (kind === 'streets' && (mapping as { name?: string }).name === undefined && !table.headers.includes('name')) {
      const name = likelyNameColumn(table);
      if (name) mapping = { ...mapping, name } as ColumnMapping;
    }
  }
  const personalData = kind === 'responses' ? findPersonalDataColumns(table.headers) : [];
  if (personalData.length) {
    issues.warning('(columns)', importMessage('personal_data_columns', { columns: personalData }), { row: 0, displayRow: 1 });
  }
  const headerSet = new Set(table.headers);
  for (const { field, column } of mappedColumns(mapping)) {
    if (format === 'csv' && !headerSet.has(column)) issues.error(`columnMapping.${field}`, importMessage('no_such_column', { column }), { column, row: 0, displayRow: 1 });
    if (personalData.includes(column)) issues.error(`columnMapping.${field}`, importMessage('personal_data_column', { column }), { column, row: 0, displayRow: 1 });
  }
  const m = mapping as Record<string, unknown>;
  const hasAddress = m.address !== undefined || m.street !== undefined;
  const hasXY = (m.x !== undefined && m.y !== undefined) || format === 'geojson';
  if (kind === 'addresses' && (!hasAddress || (m.address === undefined && m.houseNumber === undefined))) issues.error('(columns)', importMessage('map_address_columns'));
  if (kind === 'addresses' && !hasXY) issues.error('(columns)', importMessage('map_xy_columns'));
  if (kind === 'resources' && m.name === undefined) issues.error('(columns)', importMessage('map_name_column'));
  if (kind === 'resources' && !hasXY && !hasAddress) issues.error('(columns)', importMessage('map_xy_or_address'));
  if (kind === 'responses' && m.date === undefined) issues.error('(columns)', importMessage('map_date_column'));
  if (kind === 'responses' && !hasAddress && !hasXY) issues.error('(columns)', importMessage('map_address_or_street'));
  if (kind === 'responses' && m.householdSize === undefined) issues.warning('(columns)', importMessage('household_size_default', { default: settings.defaultHouseholdSize }));
  if (kind === 'addresses' && m.households === undefined && settings.defaultHouseholds === undefined) {
    // A register export often gives residents (mieszkańcy, osoby zameldowane), not households: kept as residents, never
    // divided; the households stay unknown, so response rates cannot be computed for these addresses.
    const residents = (typeof m.residents === 'string' ? m.residents : undefined) ?? table.headers.find((h) => /(^| )(mieszkancow|mieszkancy|zameldowan\w*|osob|osoby)( |$)/.test(foldLabel(h)));
    issues.warning('(columns)', importMessage('no_household_counts', { residents: residents ?? '' }));
  }
  const columns = { headers: table.headers, mapping, suggested, personalData };
  if (issues.hasErrors && (table.rows.length === 0 || issues.listed.some((i) => i.field.startsWith('columnMapping') || i.field === '(columns)' || i.field === '(kind)'))) {
    return failed(file, { columns });
  }

  // 3. Coordinate system.
  const cell = cellReader(table);
  if (format === 'csv' && typeof m.x === 'string' && typeof m.y === 'string') {
    for (let i = 0; i < table.rows.length && positions.length < 20_000; i++) {
      const x = parseNumberCell(cell(i, m.x));
      const y = parseNumberCell(cell(i, m.y));
      if (x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y)) positions.push([x, y]);
    }
  }
  let project: Reprojector | undefined;
  let crs: ImportPlan['crs'];
  if (positions.length > 0 || settings.crs) {
    const candidates = detectCrs(positions, crsMember);
    const used = settings.crs ?? candidates[0];
    if (!used) {
      issues.error('(crs)', importMessage('crs_none_fits'));
    } else {
      const choice: CrsChoice = { code: used.code, axisOrder: used.axisOrder };
      crs = { used: choice, candidates, fromSettings: settings.crs !== undefined };
      project = createReprojector(choice);
      if (!settings.crs) {
        if (isConfidentGuess(candidates)) issues.warning('(crs)', importMessage('crs_guessed', { guess: crsGuess(candidates[0]!) }));
        else issues.error('(crs)', importMessage('crs_unclear', { candidates: candidates.slice(0, 3).map(crsGuess) }));
      } else if (positions.length > 0) {
        const fit = candidates.find((c) => c.code === choice.code && c.axisOrder === choice.axisOrder);
        if (!fit) issues.error('(crs)', importMessage('crs_points_outside', { crs: choice.code, best: candidates[0] ? crsGuess(candidates[0]) : null }));
        else if (fit.fitInPoland < 0.99) issues.warning('(crs)', importMessage('crs_some_outside', { percent: Math.round((1 - fit.fitInPoland) * 100) }));
      }
    }
  }
  if (!project && format === 'geojson') project = createReprojector({ code: 'EPSG:4326', axisOrder: 'xy' });

  // 4. Records.
  const records = emptyRecords();
  let extraStreets: Street[] = [];
  let unnamedWays: UnnamedWay[] | undefined;
  if (kind === 'streets' && project) {
    const nameProperty = (mapping as { name?: string }).name ?? 'name';
    const osm = streetsFromOsm(features, project, workspace.streets, issues, nameProperty);
    records.streets = osm.streets;
    extraStreets = osm.streets;
    unnamedWays = osm.unnamed;
    if (osm.streets.length === 0 && features.some((f) => /LineString$/.test(f.geometry?.type ?? ''))) {
      issues.error('(columns)', importMessage('streets_no_names', { column: nameProperty, columns: table.headers.join(', ') }));
    }
  }
  const matcherStreets = extraStreets.length ? [...workspace.streets.filter((s) => !extraStreets.some((e) => e.id === s.id)), ...extraStreets] : workspace.streets;
  const matcher = buildAddressMatcher(matcherStreets, workspace.addresses);
  const report = new MatchReportBuilder();
  const usedIds = new Set<string>([...workspace.addresses.map((a) => a.id), ...workspace.resources.map((r) => r.id), ...workspace.responses.map((r) => r.id)]);
  const idPrefix = settings.idPrefix ?? `i${Date.now().toString(36)}`;
  const unknownValues = new UnknownValueCounter();
  const keptOnBareStreets = { count: 0 };
  const outsideWave = { count: 0 };
  const ctx: RowContext<unknown> = {
    table, mapping, settings, issues, matcher, report, project, workspace, idPrefix, cell, usedIds,
    addressById: new Map(workspace.addresses.map((a) => [a.id, a])),
    ...(kind === 'responses' ? { unknownValues, existingResponses: countFingerprints(workspace.responses), keptOnBareStreets, outsideWave } : {}),
    ...(kind === 'resources' ? { unknownValues } : {}),
    ...((kind === 'responses' || kind === 'resources') && project && matcherStreets.length ? { proximity: buildStreetProximity(matcherStreets) } : {}),
  };

  // Which rows to convert: every row, except for streets, where only OSM address points (addr:housenumber) are.
  let convert: ((i: number) => Address | Resource | SurveyResponse | undefined) | undefined;
  let rowsToConvert: number[] | undefined;
  if (kind === 'streets') {
    const numberColumn = table.headers.includes('addr:housenumber') ? 'addr:housenumber' : undefined;
    if (numberColumn) {
      rowsToConvert = [];
      for (let i = 0; i < table.rows.length; i++) if ((cell(i, numberColumn) ?? '').trim() !== '' && (cell(i, 'addr:street') ?? '').trim() !== '') rowsToConvert.push(i);
      const osmMapping = { kind: 'addresses' as const, street: 'addr:street', houseNumber: 'addr:housenumber', ...(table.headers.includes('building:flats') ? { households: 'building:flats' } : {}) };
      // OSM quality is not the user's to fix: an address point that fails is left out with a warning, not an error.
      const osmIssues = new IssueCollector(issues.source);
      const osmCtx = { ...ctx, mapping: osmMapping, issues: osmIssues } as RowContext<typeof osmMapping>;
      convert = (i) => {
        const before = osmIssues.listed.length;
        const address = addressFromRow(osmCtx, i);
        for (const issue of osmIssues.listed.slice(before)) issues.warning(issue.field, importMessage('address_point_left_out', { cause: issue.msg ?? null, problem: issue.problem ?? null }), { ...(issue.row === undefined ? {} : { row: issue.row, displayRow: issue.row + 1 }), ...(issue.column ? { column: issue.column } : {}), ...(issue.value !== undefined ? { value: issue.value } : {}) });
        osmIssues.listed.length = 0;
        return address;
      };
    }
  } else if (kind === 'addresses') convert = (i) => addressFromRow(ctx as RowContext<never>, i);
  else if (kind === 'resources') convert = (i) => resourceFromRow(ctx as RowContext<never>, i);
  else convert = (i) => responseFromRow(ctx as RowContext<never>, i);

  const targets = rowsToConvert ?? (convert ? table.rows.map((_, i) => i) : []);
  const total = targets.length;
  const out: (Address | Resource | SurveyResponse)[] = [];
  /** The file row of each record in `out` (for the partial import). */
  const outRows: number[] = [];
  let lastYield = now();
  for (let k = 0; k < total; k++) {
    const record = convert!(targets[k]!);
    if (record) {
      out.push(record);
      outRows.push(table.rowNumbers[targets[k]!]!);
    }
    if ((k + 1) % CHUNK_ROWS === 0) {
      onProgress?.(k + 1, total);
      if (now() - lastYield > YIELD_AFTER_MS) {
        await yieldToEventLoop();
        lastYield = now();
      }
      if (signal?.aborted) throw abortError();
    }
  }
  onProgress?.(total, total);
  throwIfAborted(signal);
  if (keptOnBareStreets.count > 0) {
    issues.warning('addressId', importMessage('kept_on_streets_without_addresses', { count: keptOnBareStreets.count }));
  }
  if (outsideWave.count > OUTSIDE_WAVE_LISTED) {
    const wave = workspace.campaigns.find((c) => c.id === settings.campaignId)!;
    issues.warning('date', importMessage('dates_outside_wave', { count: outsideWave.count, listed: OUTSIDE_WAVE_LISTED, start: wave.startDate, end: wave.endDate, wave: wave.name }));
  }
  // A file far from the town this workspace is about: most likely another town's (or the wrong workspace), whose
  // streets would replace the town's of the same name. Where the file's own positions are (the ones the coordinate
  // system was detected from: every vertex of a GeoJSON, a CSV's x/y), rows with errors included; else where its
  // records were placed (addresses matched by name). The median, so that a few points read wrongly do not move it.
  // An error without a row: no partial import either.
  const placed = project ? positions.map(([x, y]) => project(x, y)).filter(([lng, lat]) => Number.isFinite(lng) && Number.isFinite(lat)) : [];
  const farKm = farFromTownKm(workspace, medianCentre(placed.length
    ? placed
    : out.flatMap((r) => (r.location ? [[r.location.coordinates[0], r.location.coordinates[1]] as const] : []))));
  if (farKm !== null && !settings.acceptFarFromTown) issues.error('(file)', importMessage('far_from_town', { km: farKm, town: workspace.organisation.town }));
  if (kind === 'streets' || kind === 'addresses') records.addresses = out as Address[];
  else if (kind === 'resources') records.resources = out as Resource[];
  else records.responses = out as SurveyResponse[];

  // 5. Last gate: every record was built by its collection schema's parse (rowConverters, osmStreets); ids must be unique
  // in the batch (saveRecords checks again). Parsing 100,000 records a second time would cost ~0.5 s for nothing.
  for (const collection of ['streets', 'addresses', 'resources', 'responses'] as const) {
    const seen = new Set<string>();
    for (const record of records[collection]) {
      if (seen.has(record.id)) issues.error('id', importMessage('duplicate_id', { id: record.id }), { value: record.id });
      seen.add(record.id);
    }
  }
  const matchReport = report.finish();
  const ok = !issues.hasErrors;
  const partial = ok ? { ...partialOf(kind, records, out, outRows, issues, table), allowed: true, records } : partialOf(kind, records, out, outRows, issues, table);
  const unknown = kind === 'responses' || kind === 'resources' ? unknownValues.finish() : undefined;
  return {
    kind, ok, records: ok ? records : emptyRecords(), issues: issues.finish(), errorCount: issues.errorCount, warningCount: issues.warningCount,
    ...(matchReport.total > 0 ? { matchReport } : {}), columns, ...(crs ? { crs } : {}), file, ...(unnamedWays ? { unnamedWays } : {}),
    ...(unknown ? { unknownValues: unknown } : {}), ...(farKm !== null ? { farFromTown: { distanceKm: farKm } } : {}), partial,
  };
}

/**
 * The rows without errors and the rows left out. Street lines of an OSM file are not rows: a plan of streets with any
 * error allows no partial import. O(rows).
 */
function partialOf(kind: ImportKind, records: ImportRecords, out: readonly (Address | Resource | SurveyResponse)[], outRows: readonly number[], issues: IssueCollector, table: ImportTable): ImportPlan['partial'] {
  const rejectedRows = issues.rejectedRows;
  const valid = emptyRecords();
  const kept = out.filter((_, k) => !rejectedRows.has(outRows[k]!));
  if (kind === 'streets' || kind === 'addresses') valid.addresses = kept as Address[];
  else if (kind === 'resources') valid.resources = kept as Resource[];
  else valid.responses = kept as SurveyResponse[];
  const indexOfRow = new Map(table.rowNumbers.map((row, i) => [row, i]));
  const rejected: RejectedRow[] = [...rejectedRows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, rowIssues]) => ({ row, displayRow: row + 1, issues: rowIssues, cells: table.rows[indexOfRow.get(row) ?? -1] ?? [] }));
  const allowed = kind !== 'streets' && issues.fileErrorCount === 0 && kept.length > 0 && records.streets.length === 0;
  return { allowed, records: allowed ? valid : emptyRecords(), rejected, headers: table.headers };
}

/**
 * The column most likely to hold names: text (not numbers) in most rows, with the most distinct values; undefined when
 * none has text in at least half the rows. O(rows × columns).
 */
function likelyNameColumn(table: ImportTable): string | undefined {
  let best: { header: string; distinct: number } | undefined;
  table.headers.forEach((header, c) => {
    const values = table.rows.map((row) => (row[c] ?? '').trim()).filter((v) => v !== '' && !/^[-+\d.,\s]+$/.test(v));
    if (values.length * 2 < table.rows.length) return;
    const distinct = new Set(values).size;
    if (!best || distinct > best.distinct) best = { header, distinct };
  });
  return best?.header;
}
