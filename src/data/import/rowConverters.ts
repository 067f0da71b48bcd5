import {
  Address, Resource, SurveyResponse,
  type PointGeometry, type ResourceKind, type Workspace,
} from '../../domain';
import {
  AddressCsvRow, IGNORED_VALUE, ResourceCsvRow, ResponseCsvRow,
  type AddressColumnMapping, type ImportSettings, type ResourceColumnMapping, type ResponseColumnMapping,
} from '../../domain/importing';
import type { AddressMatch, AddressMatcher } from './addressMatcher';
import { normaliseHouseNumber } from './addressText';
import { parseDateCell, parseIntegerCell, parseYesNoCell, splitListCell } from './cells';
import type { Reprojector } from './crs';
import { IssueCollector } from './importIssues';
import { responseFingerprint } from './responseFingerprint';
import type { StreetProximity } from './streetProximity';
import type { UnknownValueCounter } from './unknownValues';
import { rowPoint, where, type ImportTable } from './importTable';
import { matchDetail, type MatchReportBuilder } from './matchReport';
import { importMessage, type ListWhat } from './importMessages';
import { idSlug } from './osmStreets';
import { rowAddress } from './rowLocation';
import { needFromLabel, resourceKindFromLabel, valueCategory } from './vocabulary';

/** What every row converter reads. */
export interface RowContext<M> {
  table: ImportTable;
  mapping: M;
  settings: ImportSettings;
  issues: IssueCollector;
  matcher: AddressMatcher;
  report: MatchReportBuilder;
  project: Reprojector | undefined;
  workspace: Workspace;
  idPrefix: string;
  cell: (i: number, column: string | undefined) => string | undefined;
  /** Ids taken so far (workspace + this import), for unique generated ids. */
  usedIds: Set<string>;
  addressById: Map<string, Address>;
  /** Street lines by distance (responses and resources with coordinates): the point decides or checks the street. */
  proximity?: StreetProximity;
  /** Distinct unknown need / nuisance / offer values, for the value-mapping step. */
  unknownValues?: UnknownValueCounter;
  /** Fingerprints of the answers already in the workspace → how many: a re-imported row is not added twice. */
  existingResponses?: Map<string, number>;
  /**
   * Answers kept on a street that has no address points at all (a town imported from OSM lines only): counted and
   * reported once, so 3,000 identical warnings do not push the rows that need a look out of the 1,000 listed.
   */
  keptOnBareStreets?: { count: number };
  /** Answers dated outside the wave: the first OUTSIDE_WAVE_LISTED are listed by row, the rest counted in one warning. */
  outsideWave?: { count: number };
}

/** Rows dated outside the wave listed one by one; past this, one warning counts them (a whole file on the wrong wave). */
export const OUTSIDE_WAVE_LISTED = 20;

const columnFor = (mapping: Record<string, unknown>) => (field: string): string | undefined => {
  const top = field.split('.')[0]!;
  const value = mapping[top];
  return typeof value === 'string' ? value : undefined;
};

function uniqueId(base: string, used: Set<string>): string {
  let id = base.slice(0, 64);
  for (let n = 2; used.has(id); n++) id = `${base.slice(0, 58)}-${n}`;
  used.add(id);
  return id;
}

/** Address row: street (matched to the workspace) + house number + point. An existing address with the same street and number keeps its id. */
export function addressFromRow(ctx: RowContext<AddressColumnMapping>, i: number): Address | undefined {
  const { table, mapping, issues, cell } = ctx;
  const address = rowAddress((c) => cell(i, c), mapping);
  // An empty cell is an unknown count (never 1): response rates over this address cannot be computed.
  const households = parseIntegerCell(cell(i, mapping.households)) ?? ctx.settings.defaultHouseholds;
  const residents = parseIntegerCell(cell(i, mapping.residents));
  const raw = {
    street: address?.street ?? '',
    houseNumber: address?.houseNumber ?? '',
    ...(households === undefined ? {} : { households }),
    ...(residents === undefined ? {} : { residents }),
  };
  const row = AddressCsvRow.safeParse(raw);
  if (!row.success) {
    const count = (f: string) => (f === 'households' ? mapping.households : f === 'residents' ? mapping.residents : undefined);
    issues.fromZod(row.error, where(table, i), (f) => count(f) ?? mapping.address ?? (f === 'street' ? mapping.street : mapping.houseNumber), (f) => (count(f) ? cell(i, count(f)) : address?.text ?? ''));
    return undefined;
  }
  const point = rowPoint(table, i, cell, mapping, ctx.project, issues);
  if (point === null) return undefined;
  if (point === undefined) {
    issues.error('location', importMessage('no_coordinates'), where(table, i));
    return undefined;
  }
  const match = ctx.matcher.match(row.data.street, row.data.houseNumber);
  ctx.report.add(match, table.rowNumbers[i]!, address!.text);
  if (!match.streetId) {
    issues.error('streetId', importMessage('street_unmatched', matchDetail(match)), where(table, i, mapping.address ?? mapping.street, row.data.street));
    return undefined;
  }
  const houseNumber = normaliseHouseNumber(row.data.houseNumber);
  const id = match.status === 'address' && match.addressId ? match.addressId : uniqueId(`addr-${match.streetId.replace(/^street-/, '')}-${idSlug(houseNumber, 12)}`, ctx.usedIds);
  const counts = { ...(row.data.households === undefined ? {} : { households: row.data.households }), ...(row.data.residents === undefined ? {} : { residents: row.data.residents }) };
  const record = Address.safeParse({ id, streetId: match.streetId, houseNumber, location: point, ...counts });
  if (!record.success) {
    issues.fromZod(record.error, where(table, i), (f) => (f === 'houseNumber' ? mapping.houseNumber ?? mapping.address : f === 'households' ? mapping.households : undefined), (f) => (f === 'houseNumber' ? houseNumber : undefined));
    return undefined;
  }
  return record.data;
}

/** Looks up each list item; unknown ones are errors naming the item. */
function listOf<T>(items: string[], lookup: (s: string) => T | undefined, what: ListWhat, ctx: RowContext<unknown>, i: number, column: string | undefined): T[] {
  const out: T[] = [];
  for (const item of items) {
    const id = lookup(item);
    if (id === undefined) ctx.issues.error(column ?? what, importMessage('unknown_list_value', { what, value: item }), where(ctx.table, i, column, item));
    else if (!out.includes(id)) out.push(id);
  }
  return out;
}

type MappedField = 'needs' | 'nuisances' | 'offers';

/** The category of one list item: a known word, or the user's value mapping; unknown ones are counted and are errors. */
function mappedItem(ctx: RowContext<unknown>, field: MappedField, item: string, i: number, column: string | undefined): string | undefined {
  const id = valueCategory(field, item, ctx.settings.valueMapping);
  if (id !== undefined && valueCategory(field, item, undefined) === undefined) ctx.unknownValues?.add(field, item, ctx.table.rowNumbers[i]! + 1, true);
  if (id === undefined) {
    ctx.unknownValues?.add(field, item, ctx.table.rowNumbers[i]! + 1);
    ctx.issues.error(column ?? field, importMessage('unknown_value', { field, value: item }), where(ctx.table, i, column, item));
    return undefined;
  }
  return id === 'ignore' ? undefined : id;
}

function mappedListOf(ctx: RowContext<unknown>, field: MappedField, items: string[], i: number, column: string | undefined): string[] {
  const out: string[] = [];
  for (const item of items) {
    const id = mappedItem(ctx, field, item, i, column);
    if (id !== undefined && !out.includes(id)) out.push(id);
  }
  return out;
}

/** The point of a resource or a response that has only an address: the matched address point. */
function pointOfAddress(ctx: RowContext<unknown>, addressId: string | undefined): PointGeometry | undefined {
  return addressId ? ctx.addressById.get(addressId)?.location : undefined;
}

/** Institution row: name, kind, point (coordinates, geometry, or a matched address), needs served, partnership date, coalitions. */
/** How far an institution's point may lie from its named street before the two contradict each other (m). */
export const INSTITUTION_GROUNDS_METERS = 500;

export function resourceFromRow(ctx: RowContext<ResourceColumnMapping>, i: number): Resource | undefined {
  const { table, mapping, issues, cell } = ctx;
  const errorsBefore = issues.errorCount;
  const kindText = cell(i, mapping.resourceKind)?.trim() ?? '';
  // A kind the vocabulary does not know ("p", a city's own code) is asked once in the value-mapping step; until then
  // every row holding it is an error. A value the user said carries no kind ("ignore") imports as "other".
  const displayRow = table.rowNumbers[i]! + 1;
  const mappedKind = kindText === '' ? 'other' : valueCategory('resourceKinds', kindText, ctx.settings.valueMapping);
  if (mappedKind !== undefined && kindText !== '' && resourceKindFromLabel(kindText) === undefined) ctx.unknownValues?.add('resourceKinds', kindText, displayRow, true);
  const resourceKind = mappedKind === IGNORED_VALUE ? 'other' : (mappedKind as ResourceKind | undefined);
  if (resourceKind === undefined) {
    ctx.unknownValues?.add('resourceKinds', kindText, displayRow);
    issues.error('kind', importMessage('unknown_resource_kind', { value: kindText }), where(table, i, mapping.resourceKind, kindText));
  }
  const serves = listOf(splitListCell(cell(i, mapping.serves)), needFromLabel, 'needs', ctx, i, mapping.serves);
  const date = parseDateCell(cell(i, mapping.partnershipDeclaredOn));
  if (date === null) issues.error('partnershipDeclaredOn', importMessage('bad_date_form'), where(table, i, mapping.partnershipDeclaredOn, cell(i, mapping.partnershipDeclaredOn)));
  const address = rowAddress((c) => cell(i, c), mapping);
  const row = ResourceCsvRow.safeParse({
    name: cell(i, mapping.name) ?? '',
    resourceKind: resourceKind ?? 'other',
    serves,
    ...(date ? { partnershipDeclaredOn: date } : {}),
    coalitions: splitListCell(cell(i, mapping.coalitions), false),
    ...(address ? { addressText: address.text } : {}),
  });
  if (!row.success) {
    issues.fromZod(row.error, where(table, i), columnFor(mapping), (f) => cell(i, columnFor(mapping)(f)));
    return undefined;
  }
  let point = rowPoint(table, i, cell, mapping, ctx.project, issues);
  if (point === null) return undefined;
  // Coordinates and a street name both given: a known name whose street lies far from the point (a register's
  // geocoding that put a school of ul. Pogwizdowska 180 km away) is an error naming both, never imported silently.
  // An institution's grounds reach further from its street than a household's door: errors from 500 m.
  if (point && address && ctx.proximity) {
    const match = ctx.matcher.match(address.street, address.houseNumber);
    const grounds = { ...ctx, settings: { ...ctx.settings, nameStreetMismatchMeters: Math.max(ctx.settings.nameStreetMismatchMeters, INSTITUTION_GROUNDS_METERS) } };
    if (match.streetId && crossCheck(grounds, match, address, point.coordinates[0], point.coordinates[1], i, mapping.address ?? mapping.street).rejected) return undefined;
  }
  if (point === undefined && address) {
    const match = ctx.matcher.match(address.street, address.houseNumber);
    ctx.report.add(match, table.rowNumbers[i]!, address.text);
    point = pointOfAddress(ctx, match.addressId);
    if (!point) issues.error('location', importMessage('resource_address_unmatched', matchDetail(match)), where(table, i, mapping.address ?? mapping.street, address.text));
  } else if (point === undefined) issues.error('location', importMessage('no_location'), where(table, i));
  if (!point || issues.errorCount > errorsBefore) return undefined;
  const record = Resource.safeParse({
    id: uniqueId(`res-${ctx.idPrefix}-${table.rowNumbers[i]! + 1}`, ctx.usedIds),
    name: row.data.name,
    kind: row.data.resourceKind,
    location: point,
    ...(row.data.addressText ? { address: row.data.addressText.slice(0, 500) } : {}),
    serves: row.data.serves,
    ...(row.data.partnershipDeclaredOn ? { partnershipDeclaredOn: row.data.partnershipDeclaredOn } : {}),
    coalitions: row.data.coalitions,
  });
  if (!record.success) {
    issues.fromZod(record.error, where(table, i), (f) => (f === 'address' ? mapping.address ?? mapping.street : columnFor(mapping)(f)));
    return undefined;
  }
  return record.data;
}

const SEVERITY_WORDS: Record<string, 0 | 1 | 2 | 3> = { brak: 0, nie: 0, no: 0, '-': 0, tak: 1, x: 1, yes: 1, niewielki: 1, 'średni': 2, sredni: 2, 'poważny': 2, powazny: 2, 'bardzo poważny': 3, 'bardzo powazny': 3, 'duży': 2, duzy: 2, 'bardzo duży': 3 };

/** A need cell: 0–3 or a word; undefined for empty, NaN for unreadable. */
function severityOf(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  if (t in SEVERITY_WORDS) return SEVERITY_WORDS[t];
  const n = parseIntegerCell(t);
  return n === undefined ? undefined : n;
}

/** "bezrobocie:3", "samotność (2)", "zdrowie" (severity 1) → [label, severity text]. */
function splitNeedItem(item: string): [string, string | undefined] {
  const m = /^(.*?)\s*(?:[:=(]\s*(\S+?)\s*\)?)?$/.exec(item);
  return m ? [m[1]!, m[2]] : [item, undefined];
}

/** Survey row: date, household size, needs with severity, nuisances, offers, leader (with consent only), located by address. */
export function responseFromRow(ctx: RowContext<ResponseColumnMapping>, i: number): SurveyResponse | undefined {
  const { table, mapping, issues, cell, settings } = ctx;
  const errorsBefore = issues.errorCount;
  const needs: { category: string; severity: number }[] = [];
  const needColumnOf: string[] = [];
  const addNeed = (category: string, severityText: string | undefined, column: string | undefined, fromList: boolean) => {
    const severity = severityText === undefined ? (fromList ? 1 : undefined) : severityOf(severityText);
    if (severity === undefined || severity === 0) return;
    if (!Number.isInteger(severity) || severity < 0 || severity > 3) {
      issues.error('needs', importMessage('severity_range'), where(table, i, column, severityText));
      return;
    }
    if (needs.some((n) => n.category === category)) return;
    needs.push({ category, severity });
    needColumnOf.push(column ?? '');
  };
  for (const [column, category] of Object.entries(mapping.needColumns)) addNeed(category, cell(i, column), column, false);
  for (const item of splitListCell(cell(i, mapping.needsList))) {
    const [label, severityText] = splitNeedItem(item);
    const category = mappedItem(ctx as RowContext<unknown>, 'needs', label, i, mapping.needsList);
    if (category !== undefined) addNeed(category, severityText, mapping.needsList, true);
  }
  const yesColumns = <T>(columns: Record<string, T>, field: string): T[] => {
    const out: T[] = [];
    for (const [column, id] of Object.entries(columns)) {
      const yes = parseYesNoCell(cell(i, column));
      if (yes === null) issues.error(field, importMessage('yes_no_cell'), where(table, i, column, cell(i, column)));
      else if (yes && !out.includes(id)) out.push(id);
    }
    return out;
  };
  const nuisances = [...new Set([...yesColumns(mapping.nuisanceColumns, 'nuisances'), ...mappedListOf(ctx as RowContext<unknown>, 'nuisances', splitListCell(cell(i, mapping.nuisancesList)), i, mapping.nuisancesList)])];
  const offers = [...new Set([...yesColumns(mapping.offerColumns, 'offers'), ...mappedListOf(ctx as RowContext<unknown>, 'offers', splitListCell(cell(i, mapping.offersList)), i, mapping.offersList)])];
  const consent = parseYesNoCell(cell(i, mapping.leaderConsent));
  if (consent === null) issues.error('leaderCandidate.consent', importMessage('leader_consent_yes_no'), where(table, i, mapping.leaderConsent, cell(i, mapping.leaderConsent)));
  const leaderInterests = consent ? mappedListOf(ctx as RowContext<unknown>, 'needs', splitListCell(cell(i, mapping.leaderInterests)), i, mapping.leaderInterests) : [];
  const date = parseDateCell(cell(i, mapping.date));
  const size = parseIntegerCell(cell(i, mapping.householdSize));
  const row = ResponseCsvRow.safeParse({
    date: date ?? (date === null ? cell(i, mapping.date) : ''),
    householdSize: size ?? settings.defaultHouseholdSize,
    needs, nuisances, offers, leaderConsent: consent === true, leaderInterests,
  });
  const wave = row.success ? ctx.workspace.campaigns.find((c) => c.id === settings.campaignId) : undefined;
  if (row.success && wave && (row.data.date < wave.startDate || row.data.date > wave.endDate) && (ctx.outsideWave ? ++ctx.outsideWave.count : 1) <= OUTSIDE_WAVE_LISTED) {
    issues.warning('date', importMessage('date_outside_wave', { date: row.data.date, start: wave.startDate, end: wave.endDate, wave: wave.name }), where(table, i, mapping.date, cell(i, mapping.date)));
  }
  if (!row.success) {
    issues.fromZod(row.error, where(table, i), (f) => (f.startsWith('needs.') ? needColumnOf[Number(f.split('.')[1])] : columnFor(mapping)(f)), (f) => (f === 'date' ? cell(i, mapping.date) ?? '' : f === 'householdSize' ? cell(i, mapping.householdSize) : undefined));
  }
  // Location: address (preferred), else coordinates. The row's own point, when it has one, decides the street of an
  // unknown name and checks a known one (issue 12): a name that lands far from the point is an error, never silent.
  const location: { addressId?: string; streetId?: string; location?: PointGeometry } = {};
  const address = rowAddress((c) => cell(i, c), mapping);
  const point = ctx.project && mapping.x !== undefined && mapping.y !== undefined ? rowPoint(table, i, cell, mapping, ctx.project, new IssueCollector(issues.source)) : undefined;
  let skip = false;
  let rejected = false;
  if (address) {
    const column = mapping.address ?? mapping.street;
    let match = ctx.matcher.match(address.street, address.houseNumber);
    if (point && ctx.proximity) {
      const checked = crossCheck(ctx, match, address, point.coordinates[0], point.coordinates[1], i, column);
      match = checked.match;
      rejected = checked.rejected;
    }
    ctx.report.add(match, table.rowNumbers[i]!, address.text);
    if (rejected) {
      // reported by crossCheck
    } else if (match.status === 'address') location.addressId = match.addressId!;
    else if (match.status === 'street' && settings.streetLevelMatch && match.reason === 'unknown_house_number' && match.houseNumberSuggestions.length === 0 && ctx.keptOnBareStreets) {
      location.streetId = match.streetId!;
      ctx.keptOnBareStreets.count++;
    } else if (match.status === 'street' && settings.streetLevelMatch) {
      location.streetId = match.streetId!;
      issues.warning('addressId', importMessage('address_kept_on_street', matchDetail(match)), where(table, i, mapping.address ?? mapping.houseNumber ?? mapping.street, address.text));
    } else if (settings.onUnmatched === 'skip') {
      issues.warning('addressId', importMessage('address_row_left_out', matchDetail(match)), where(table, i, column, address.text), true);
      skip = true;
    } else {
      issues.error('addressId', importMessage('address_unmatched', matchDetail(match)), where(table, i, column, address.text));
    }
  }
  if (!location.addressId && !location.streetId && !skip && !rejected) {
    const ownPoint = rowPoint(table, i, cell, mapping, ctx.project, issues);
    if (ownPoint) location.location = ownPoint;
    else if (ownPoint === undefined && !address) issues.error('addressId', importMessage('no_location'), where(table, i, mapping.address ?? mapping.street));
  }
  if (skip || !row.success || issues.errorCount > errorsBefore) return undefined;
  const record = SurveyResponse.safeParse({
    id: uniqueId(`resp-${ctx.idPrefix}-${table.rowNumbers[i]! + 1}`, ctx.usedIds),
    campaignId: settings.campaignId,
    ...location,
    date: row.data.date,
    householdSize: row.data.householdSize,
    needs: row.data.needs,
    nuisances: row.data.nuisances,
    offers: row.data.offers,
    ...(row.data.leaderConsent ? { leaderCandidate: { consent: true, interests: row.data.leaderInterests } } : {}),
  });
  if (!record.success) {
    issues.fromZod(record.error, where(table, i), columnFor(mapping));
    return undefined;
  }
  const existing = ctx.existingResponses;
  if (existing) {
    const fingerprint = responseFingerprint(record.data);
    const left = existing.get(fingerprint) ?? 0;
    if (left > 0) {
      existing.set(fingerprint, left - 1);
      issues.warning('(record)', importMessage('already_imported'), where(table, i));
      return undefined;
    }
  }
  return record.data;
}

/** Metres between two [lng, lat] points (equirectangular; exact enough within a town). */
function metresBetween(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const kx = 111_320 * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  return Math.hypot((lng2 - lng1) * kx, (lat2 - lat1) * 111_320);
}

/**
 * The coordinate / name cross-check of one survey row. A name that matched: its street (any record of that name)
 * must lie within `nameStreetMismatchMeters` of the point, else the row is an error naming both streets. A name that
 * did not match: the streets within `pointStreetToleranceMeters` of the point are candidates; the one whose name is
 * closest to the written one wins when alike (a misspelling), else the nearest; the row keeps a warning.
 */
function crossCheck<M>(ctx: RowContext<M>, match: AddressMatch, address: { street: string; houseNumber?: string; text: string }, lng: number, lat: number, i: number, column: string | undefined): { match: AddressMatch; rejected: boolean } {
  const { settings, issues, table, matcher } = ctx;
  const proximity = ctx.proximity!;
  if (match.streetId) {
    let best = { streetId: match.streetId, distance: Infinity };
    for (const id of matcher.sameNameStreetIds(match.streetId)) {
      const d = proximity.distanceToStreet(id, lng, lat);
      if (d < best.distance) best = { streetId: id, distance: d };
    }
    if (!Number.isFinite(best.distance)) return { match, rejected: false }; // a street with no line cannot be checked
    // Far from the named street; or beyond the point tolerance while another street is within it (a clerk who wrote
    // the cross street of the next block); or the matched house itself far from the point.
    const house = match.addressId ? ctx.addressById.get(match.addressId)?.location.coordinates : undefined;
    const houseDistance = house ? metresBetween(lng, lat, house[0]!, house[1]!) : 0;
    if (best.distance <= settings.pointStreetToleranceMeters && houseDistance <= settings.nameStreetMismatchMeters) {
      return { match: best.streetId === match.streetId ? match : matcher.matchOnStreet(best.streetId, address.houseNumber), rejected: false };
    }
    // Only the doubtful few look for the streets around the point.
    const nearest = proximity.nearestStreets(lng, lat, settings.nameStreetMismatchMeters)[0];
    const otherIsNear = nearest !== undefined && nearest.distanceMeters <= settings.pointStreetToleranceMeters && !matcher.sameNameStreetIds(match.streetId).includes(nearest.streetId);
    const far = best.distance > settings.nameStreetMismatchMeters || houseDistance > settings.nameStreetMismatchMeters;
    // Between the two tolerances, with another street nearer: kept, but never silently (blocks of flats stand back
    // from the street that addresses them, so this is not an error).
    const doubtful = !far && best.distance > settings.pointStreetToleranceMeters && otherIsNear;
    if (far || doubtful) {
      const street = matcher.labelOf(match.streetId);
      const nearestLabel = nearest ? matcher.labelOf(nearest.streetId) : '';
      const report = far ? issues.error.bind(issues) : issues.warning.bind(issues);
      report(
        'streetId',
        importMessage('street_far_from_point', { written: address.street, street, distance: Math.round(Math.max(best.distance, houseDistance)), nearest: nearestLabel }),
        where(table, i, column, address.text),
      );
      if (far) return { match: { status: 'unmatched', reason: 'name_far_from_point', streetSuggestions: nearest ? [nearestLabel] : [], houseNumberSuggestions: [] }, rejected: true };
    }
    if (best.streetId !== match.streetId) return { match: matcher.matchOnStreet(best.streetId, address.houseNumber), rejected: false };
    return { match, rejected: false };
  }
  if (match.reason !== 'unknown_street' && match.reason !== 'ambiguous_street') return { match, rejected: false };
  const near = proximity.nearestStreets(lng, lat, settings.pointStreetToleranceMeters);
  if (near.length === 0) return { match, rejected: false };
  let chosen = near[0]!;
  let chosenName = matcher.nameDistance(address.street, chosen.streetId);
  for (const candidate of near.slice(1)) {
    const d = matcher.nameDistance(address.street, candidate.streetId);
    if (d < chosenName) {
      chosen = candidate;
      chosenName = d;
    }
  }
  // A written name that resembles none of the near streets says nothing: the nearest street then.
  if (chosenName > 0.5) chosen = near[0]!;
  const onStreet = matcher.matchOnStreet(chosen.streetId, address.houseNumber);
  const street = matcher.labelOf(chosen.streetId);
  issues.warning(
    'streetId',
    importMessage('street_from_point', { written: address.street, street, distance: Math.round(chosen.distanceMeters) }),
    where(table, i, column, address.text),
  );
  return { match: onStreet, rejected: false };
}
