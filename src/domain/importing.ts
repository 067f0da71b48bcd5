import { z } from 'zod';
import { Households, Residents } from './address';
import { Id } from './common';
import { NeedCategoryId, NuisanceId, OfferId } from './needs';
import { ResourceKind } from './resource';
import { Workspace } from './workspace';

/**
 * Schemas for what a user brings in (issue 7): which kind of records a file holds, how its columns map to fields,
 * which coordinate system its numbers are in, and the workspace file format. Parsed at the import boundary
 * (wizard state, saved mappings, workspace files); the pipeline in src/data/import trusts them afterwards.
 */

/** What an import produces: street lines (+ OSM address points), address points, institutions, survey answers. */
export const IMPORT_KINDS = ['streets', 'addresses', 'resources', 'responses'] as const;
export const ImportKind = z.enum(IMPORT_KINDS, { error: `import kind must be one of: ${IMPORT_KINDS.join(', ')}` });
export type ImportKind = z.infer<typeof ImportKind>;

/**
 * Coordinate systems a Polish centre meets: WGS84 lon/lat, Web Mercator, PUWG 1992 (national, EPSG:2180)
 * and PUWG 2000 zone 6 (EPSG:2177, 18°E: Gdańsk, Poznań, Łódź, Katowice region).
 */
export const CRS_CODES = ['EPSG:4326', 'EPSG:3857', 'EPSG:2180', 'EPSG:2176', 'EPSG:2177', 'EPSG:2178', 'EPSG:2179'] as const;
export const CrsCode = z.enum(CRS_CODES, { error: `coordinate system must be one of: ${CRS_CODES.join(', ')}` });
export type CrsCode = z.infer<typeof CrsCode>;

/**
 * `xy` = the first number is longitude / easting (GeoJSON order). `yx` = the first number is latitude / northing:
 * the EPSG axis order of 2180 and 2177 ("X = northing"), which some Polish GIS exports write into GeoJSON.
 */
export const AxisOrder = z.enum(['xy', 'yx'], { error: 'axis order must be xy (easting first) or yx (northing first)' });
export type AxisOrder = z.infer<typeof AxisOrder>;

export const CrsChoice = z.strictObject({ code: CrsCode, axisOrder: AxisOrder });
export type CrsChoice = z.infer<typeof CrsChoice>;

/** A column header exactly as it stands in the file's first row (or a GeoJSON property key). */
export const ColumnName = z.string({ error: 'column name must be text' }).min(1, { message: 'column name must not be empty' }).max(300);

const column = ColumnName.optional();

/** Where a row says where it is: address text ("ul. Jana Pawła II 12A/3"), or street + house number, or x/y numbers. */
const locationColumns = {
  /** Whole address in one cell, e.g. "ul. Jana Pawła II 12A/3". */
  address: column,
  street: column,
  houseNumber: column,
  /** Longitude or easting (in the file's CRS); GeoJSON input takes the feature geometry instead. */
  x: column,
  /** Latitude or northing. */
  y: column,
};

export const AddressColumnMapping = z.strictObject({
  kind: z.literal('addresses'),
  ...locationColumns,
  /** Number of households at the address; absent → `ImportSettings.defaultHouseholds`, or unknown. */
  households: column,
  /** Number of residents at the address (mieszkańcy, osoby zameldowane): kept, never turned into households. */
  residents: column,
});
export type AddressColumnMapping = z.infer<typeof AddressColumnMapping>;

export const ResourceColumnMapping = z.strictObject({
  kind: z.literal('resources'),
  ...locationColumns,
  name: column,
  /** Resource kind as id or Polish word ("szkoła", "biblioteka", "MOPS"…); absent → `other`. */
  resourceKind: column,
  /** List of need categories the institution serves ("bezrobocie, samotność"). */
  serves: column,
  partnershipDeclaredOn: column,
  /** List of coalition names separated by `;` or `|`. */
  coalitions: column,
});
export type ResourceColumnMapping = z.infer<typeof ResourceColumnMapping>;

export const ResponseColumnMapping = z.strictObject({
  kind: z.literal('responses'),
  ...locationColumns,
  date: column,
  householdSize: column,
  /** One cell listing needs, each optionally with severity: "bezrobocie:3; samotność". */
  needsList: column,
  /** One column per need: header → category; the cell holds severity 0–3 (0 or empty = no such need). */
  needColumns: z.record(ColumnName, NeedCategoryId).default({}),
  nuisancesList: column,
  /** One column per nuisance: the cell is yes/no (1, tak, x / 0, nie, empty). */
  nuisanceColumns: z.record(ColumnName, NuisanceId).default({}),
  offersList: column,
  offerColumns: z.record(ColumnName, OfferId).default({}),
  /** Yes/no: the household agreed to be contacted as a possible local leader. Without a yes, no leader data is kept. */
  leaderConsent: column,
  leaderInterests: column,
});
export type ResponseColumnMapping = z.infer<typeof ResponseColumnMapping>;

/** Streets come from GeoJSON geometry; the name property is chosen, the rest is OSM convention. */
export const StreetColumnMapping = z.strictObject({
  kind: z.literal('streets'),
  /** Property holding the street name; default `name`. */
  name: column,
});
export type StreetColumnMapping = z.infer<typeof StreetColumnMapping>;

export const ColumnMapping = z.discriminatedUnion('kind', [StreetColumnMapping, AddressColumnMapping, ResourceColumnMapping, ResponseColumnMapping], {
  error: 'column mapping must name its kind: streets, addresses, resources or responses',
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;
export type ColumnMappingOf<K extends ImportKind> = Extract<ColumnMapping, { kind: K }>;

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export const TEXT_ENCODINGS = ['utf-8', 'windows-1250', 'iso-8859-2'] as const;
export const TextEncodingName = z.enum(TEXT_ENCODINGS, { error: `encoding must be one of: ${TEXT_ENCODINGS.join(', ')}` });
export type TextEncodingName = z.infer<typeof TextEncodingName>;

/**
 * Value mapping (issue 12): a centre's own words and codes in need / nuisance / offer list cells and in the kind column
 * of an institutions' file
 * ("samotnosc_seniorow", "czas_wolny_dzieci") → the product's categories, decided once by the user and reused.
 * Keys are the FOLDED value (lower case, no diacritics, punctuation as single spaces: "samotnosc seniorow"), so
 * "Samotność_seniorów" and "samotnosc seniorow" share one decision. `ignore` = the value carries no category
 * (e.g. "brak", "inne"); the item is dropped without an error.
 */
export const VALUE_MAPPING_FIELDS = ['needs', 'nuisances', 'offers', 'resourceKinds'] as const;
export const ValueMappingField = z.enum(VALUE_MAPPING_FIELDS, { error: `value mapping field must be one of: ${VALUE_MAPPING_FIELDS.join(', ')}` });
export type ValueMappingField = z.infer<typeof ValueMappingField>;
export const IGNORED_VALUE = 'ignore';
const FoldedValue = z.string().min(1, { message: 'a mapped value must not be empty' }).max(200);
export const ValueMapping = z.strictObject({
  needs: z.record(FoldedValue, z.union([NeedCategoryId, z.literal(IGNORED_VALUE)])).default({}),
  nuisances: z.record(FoldedValue, z.union([NuisanceId, z.literal(IGNORED_VALUE)])).default({}),
  offers: z.record(FoldedValue, z.union([OfferId, z.literal(IGNORED_VALUE)])).default({}),
  // The kind column of an institutions' file (a city's own codes: "p", "i"); `ignore` imports them as "other".
  resourceKinds: z.record(FoldedValue, z.union([ResourceKind, z.literal(IGNORED_VALUE)])).default({}),
});
export type ValueMapping = z.infer<typeof ValueMapping>;
export type ValueMappingInput = z.input<typeof ValueMapping>;

/** The value mapping as stored in the browser, one per organisation; `v` is the stored format's version. */
export const SAVED_VALUE_MAPPING_VERSION = 1;
export const SavedValueMapping = z.strictObject({
  v: z.literal(SAVED_VALUE_MAPPING_VERSION, { error: `saved value mapping version must be ${SAVED_VALUE_MAPPING_VERSION}` }),
  organisationId: Id,
  updatedAt: z.iso.datetime({ error: 'updatedAt must be an ISO date-time' }),
  mapping: ValueMapping,
});
export type SavedValueMapping = z.infer<typeof SavedValueMapping>;

/** Everything the user decided in the wizard. Every field is optional: absent means "use what was detected". */
export const ImportSettings = z.strictObject({
  columnMapping: ColumnMapping.optional(),
  /** The coordinate system the user confirmed; absent → the best detected candidate (reported as a warning). */
  crs: CrsChoice.optional(),
  encoding: TextEncodingName.optional(),
  delimiter: z.enum(CSV_DELIMITERS).optional(),
  /** Households for an address with no household count, when the user says so; absent → the count stays unknown. */
  defaultHouseholds: z.int().min(1).max(1000).optional(),
  /** Household size for a survey row with no household size column. */
  defaultHouseholdSize: z.int().min(1).max(20).default(1),
  /** Campaign (survey wave) the imported responses belong to; required for `responses`. */
  campaignId: Id.optional(),
  /** Prefix of generated resource and response ids, so two imports never overwrite each other; default from the clock. */
  idPrefix: z.string().regex(/^[A-Za-z0-9_-]{1,24}$/, { message: 'id prefix: 1–24 letters, digits, _ or -' }).optional(),
  /**
   * A survey row whose address matches nothing: `error` blocks the import until fixed (default);
   * `skip` leaves the row out with a warning.
   */
  onUnmatched: z.enum(['error', 'skip']).default('error'),
  /** The user confirmed a file whose records lie far from the workspace's town (more than 30 km): import it all the same. */
  acceptFarFromTown: z.boolean().optional(),
  /** A survey row whose street matches but house number does not is kept on the street (streetId), with a warning. */
  streetLevelMatch: z.boolean().default(true),
  /** The user's decisions for unknown values in need / nuisance / offer list cells (see ValueMapping). */
  valueMapping: ValueMapping.optional(),
  /**
   * A survey row with coordinates whose street name is unknown is put on the nearest street within this distance
   * (metres), with a warning. House points lie 5–40 m from their street's centre line.
   */
  pointStreetToleranceMeters: z.number().min(0).max(1000).default(80),
  /** A row whose named street lies farther than this (metres) from the row's point is an error, never accepted silently. */
  nameStreetMismatchMeters: z.number().min(10).max(5000).default(150),
});
export type ImportSettings = z.infer<typeof ImportSettings>;
export type ImportSettingsInput = z.input<typeof ImportSettings>;

/*
 * CSV row shapes: what one mapped row must look like once its cells are read (Polish conventions: decimal comma,
 * dates DD.MM.YYYY). The converters in src/data/import fill these from the cells and parse them here, so
 * the messages the user sees come from one place.
 */

/** A finite coordinate number (after the decimal comma was turned into a dot). */
const Coordinate = z.number({ error: 'coordinate must be a number' }).refine(Number.isFinite, { message: 'coordinate must be a finite number', params: { rule: 'not_finite' } });

export const AddressCsvRow = z.strictObject({
  street: z.string().trim().min(1, { message: 'street must not be empty' }),
  houseNumber: z.string().trim().min(1, { message: 'house number must not be empty' }),
  x: Coordinate.optional(),
  y: Coordinate.optional(),
  households: Households.optional(),
  residents: Residents.optional(),
});
export type AddressCsvRow = z.infer<typeof AddressCsvRow>;

export const ResourceCsvRow = z.strictObject({
  name: z.string().trim().min(1, { message: 'name must not be empty' }).max(200, { message: 'name must be at most 200 characters' }),
  resourceKind: z.string(),
  x: Coordinate.optional(),
  y: Coordinate.optional(),
  addressText: z.string().optional(),
  serves: z.array(NeedCategoryId),
  partnershipDeclaredOn: z.iso.date({ error: 'date must be a real calendar date (YYYY-MM-DD or DD.MM.YYYY)' }).optional(),
  coalitions: z.array(z.string().trim().min(1).max(200)),
});
export type ResourceCsvRow = z.infer<typeof ResourceCsvRow>;

export const ResponseCsvRow = z.strictObject({
  date: z.iso.date({ error: 'date must be a real calendar date (YYYY-MM-DD or DD.MM.YYYY)' }),
  householdSize: z.int({ error: 'household size must be a whole number' }).min(1, { message: 'household size must be at least 1' }).max(20, { message: 'household size must be at most 20' }),
  needs: z.array(z.strictObject({ category: NeedCategoryId, severity: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'severity must be 0, 1, 2 or 3' }) })),
  nuisances: z.array(NuisanceId),
  offers: z.array(OfferId),
  leaderConsent: z.boolean(),
  leaderInterests: z.array(NeedCategoryId),
});
export type ResponseCsvRow = z.infer<typeof ResponseCsvRow>;

/** The one-file export of a whole workspace. `v` is the file format version (the workspace carries its own). */
export const WORKSPACE_FILE_FORMAT = 'cal-map-workspace';
export const WORKSPACE_FILE_VERSION = 1;

export const WorkspaceFile = z.strictObject({
  format: z.literal(WORKSPACE_FILE_FORMAT, { error: `this is not a CAL Map workspace file (format must be "${WORKSPACE_FILE_FORMAT}")` }),
  v: z.literal(WORKSPACE_FILE_VERSION, { error: `workspace file version must be ${WORKSPACE_FILE_VERSION}` }),
  exportedAt: z.iso.datetime({ error: 'exportedAt must be an ISO date-time such as 2025-06-01T12:00:00.000Z' }),
  workspace: Workspace,
});
export type WorkspaceFile = z.infer<typeof WorkspaceFile>;
