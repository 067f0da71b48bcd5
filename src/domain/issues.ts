import { z } from 'zod';

/**
 * What is wrong with one value, as a code with parameters read from zod's own issue (STYLE.md habit 20): the UI words
 * it in the user's language from its dictionary, so no schema's English message reaches a Polish screen. A schema's
 * custom `refine` names its rule with `params: { rule }` (one of FIELD_RULES); zod's own checks carry their limits.
 *
 *   { code: 'too_small', origin: 'number', minimum: 1, inclusive: true }      households must be at least 1
 *   { code: 'not_one_of', values: ['1', '2', '3'] }                          severity must be 1, 2 or 3
 *   { code: 'rule', rule: 'end_before_start' }                               endDate must not be before startDate
 */
export const FIELD_RULES = [
  'end_before_start', // a period ends before it starts (campaign, group, programme)
  'repeated_item', // a list holds the same item twice
  'no_location', // a survey response without addressId, streetId or location
  'no_weight_above_zero', // every need weight is zero
  'hot_spot_units', // hot spots over areas (only hexagons and streets)
  'same_waves', // comparing a wave with itself
  'not_finite', // NaN or Infinity
  'longitude_range', // not within -180…180
  'latitude_range', // not within -90…90
  'position_too_long', // a position of more than 3 numbers
  'ring_not_closed', // a polygon ring whose first and last positions differ
  'line_one_point', // a line whose positions are all the same point
  'suppressed_with_figures', // a suppressed unit of a share package that carries figures
  'below_k_not_suppressed', // a unit with fewer than k answers that is shown
  'need_band_invalid', // a need band on a unit that may not carry one
  'phone_digits', // a phone number with fewer than 9 or more than 15 digits
  'no_contact_channel', // a leader contact with neither phone nor e-mail
  'retention_out_of_range', // a leader contact kept past 12 months after consent, or ending before it
  'retention_not_shorter', // a leader contact's retention moved later (it may only be shortened)
  'needs_and_offers', // a share link's view naming needs and offers at once
  'unequal_offer_weights', // a share link's potential index weighing its offers differently
  'invalid', // a refine without a named rule
] as const;
export type FieldRule = (typeof FIELD_RULES)[number];

/** Where a size limit applies: a number's value, a text's length, a list's items. */
const SizeOrigin = z.enum(['number', 'string', 'array', 'other']);

export const FieldProblem = z.discriminatedUnion('code', [
  /** Not of the expected type: number, int, string, boolean, array, object, date… */
  z.strictObject({ code: z.literal('wrong_type'), expected: z.string() }),
  z.strictObject({ code: z.literal('too_small'), origin: SizeOrigin, minimum: z.number(), inclusive: z.boolean() }),
  z.strictObject({ code: z.literal('too_big'), origin: SizeOrigin, maximum: z.number(), inclusive: z.boolean() }),
  /** Not one of the allowed values (an enum or a union of literals), listed as text. */
  z.strictObject({ code: z.literal('not_one_of'), values: z.array(z.string()) }),
  /** Text of the wrong form: date, datetime, regex, email… */
  z.strictObject({ code: z.literal('bad_format'), format: z.string() }),
  z.strictObject({ code: z.literal('unknown_keys'), keys: z.array(z.string()) }),
  z.strictObject({ code: z.literal('rule'), rule: z.enum(FIELD_RULES) }),
  /** Anything else zod reports (a value fitting no branch of an object union). */
  z.strictObject({ code: z.literal('invalid') }),
]);
export type FieldProblem = z.infer<typeof FieldProblem>;
export type FieldProblemCode = FieldProblem['code'];
export const FIELD_PROBLEM_CODES = FieldProblem.options.map((o) => o.shape.code.value) as FieldProblemCode[];

/**
 * What a request to the centre's server (Supabase) was doing when it failed: worded by the UI ("wczytywanie danych
 * ośrodka"), so a Polish screen never shows the adapter's English.
 */
export const SERVER_ACTIONS = [
  'load_workspace', 'read_role', 'save', 'import', 'delete', 'save_changes',
  'list_share_links', 'create_share_link', 'revoke_share_link', 'open_partner_link', 'read_shared_figures',
  'load_leader_contacts', 'save_leader_contact', 'delete_leader_contact', 'purge_leader_contacts', 'shorten_leader_contact',
  'read_map_tile',
] as const;
export type ServerAction = (typeof SERVER_ACTIONS)[number];

/**
 * What went wrong between the app and the server, as a code with parameters (src/data/supabase words its English log
 * message from the same facts). `detail` and `hint` are the server's or the browser's own words (never translated,
 * shown as quoted detail); `tag` is the PostgreSQL/PostgREST code or HTTP status, for the admin.
 */
export type ServerMessage =
  | { code: 'unreachable'; action: ServerAction; detail: string }
  | { code: 'session_expired'; action: ServerAction; tag: string }
  | { code: 'not_allowed'; action: ServerAction; tag: string }
  | { code: 'missing_function'; action: ServerAction; tag: string }
  | { code: 'refused'; action: ServerAction; detail: string; tag: string; hint: string }
  | { code: 'refused_without_reason'; action: ServerAction }
  | { code: 'reply_not_understood'; action: ServerAction; where: string; detail: string }
  | { code: 'not_signed_in' }
  | { code: 'not_member' }
  | { code: 'no_centre' }
  | { code: 'not_member_of'; organisation: string }
  | { code: 'workspace_not_object' }
  | { code: 'workspace_version'; version: string }
  | { code: 'organisation_unreadable' }
  | { code: 'collection_missing' }
  | { code: 'collection_not_list' }
  | { code: 'duplicate_id'; id: string }
  | { code: 'more_invalid_records'; count: number }
  | { code: 'records_not_list' }
  | { code: 'too_many_records'; max: number }
  | { code: 'link_malformed' }
  | { code: 'link_gone' }
  | { code: 'share_k_range'; min: number; max: number }
  | { code: 'share_expiry_range'; days: number }
  | { code: 'not_share_link_id' };
export type ServerMessageCode = ServerMessage['code'];

/** One problem found in user-supplied input, located precisely enough to fix it. */
export interface InputIssue {
  /** Where the record came from: a file, a collection, a form. */
  source: string;
  /** 0-based index of the record in its source, when it is one of many. */
  row?: number;
  /** Dotted path of the field inside the record, e.g. `geometry.coordinates.0.3`. */
  field: string;
  /** English, for logs and tests; the UI words `problem` (or a layer's own code) instead when there is one. */
  message: string;
  /** What is wrong, as a code the UI translates (issues from zod always carry one). */
  problem?: FieldProblem;
  /** A server's or connection's failure, as a code the UI translates (src/data/supabase). */
  server?: ServerMessage;
}

const sizeOrigin = (origin: unknown): z.infer<typeof SizeOrigin> => (origin === 'number' || origin === 'string' || origin === 'array' ? origin : 'other');
const asNumber = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number.NaN);
const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'symbol' ? String(v) : JSON.stringify(v) ?? String(v));

/** The literal values of a union whose every branch failed on a literal, or undefined when some branch is not one. */
function unionLiterals(errors: ReadonlyArray<ReadonlyArray<z.core.$ZodIssue>>): string[] | undefined {
  const values: string[] = [];
  for (const branch of errors) {
    if (branch.length !== 1 || branch[0]!.code !== 'invalid_value') return undefined;
    values.push(...branch[0]!.values.map(asText));
  }
  return values;
}

/** A zod issue as a FieldProblem. Pure. */
export function fieldProblemOf(issue: z.core.$ZodIssue): FieldProblem {
  switch (issue.code) {
    case 'invalid_type':
      return { code: 'wrong_type', expected: String(issue.expected) };
    case 'too_small':
      return { code: 'too_small', origin: sizeOrigin(issue.origin), minimum: asNumber(issue.minimum), inclusive: issue.inclusive !== false };
    case 'too_big':
      return { code: 'too_big', origin: sizeOrigin(issue.origin), maximum: asNumber(issue.maximum), inclusive: issue.inclusive !== false };
    case 'invalid_value':
      return { code: 'not_one_of', values: issue.values.map(asText) };
    case 'invalid_format':
      return { code: 'bad_format', format: issue.format };
    case 'unrecognized_keys':
      return { code: 'unknown_keys', keys: [...issue.keys] };
    case 'invalid_union': {
      const values = 'errors' in issue ? unionLiterals(issue.errors) : undefined;
      return values ? { code: 'not_one_of', values } : { code: 'invalid' };
    }
    case 'custom': {
      const rule = (issue.params as { rule?: unknown } | undefined)?.rule;
      return { code: 'rule', rule: (FIELD_RULES as readonly unknown[]).includes(rule) ? (rule as FieldRule) : 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
}

/** Turns a zod error into issues that name the field, each with its coded problem. */
export function issuesFromZod(error: z.ZodError, source: string, row?: number): InputIssue[] {
  return error.issues.map((issue) => ({
    source,
    ...(row === undefined ? {} : { row }),
    field: issue.path.length ? issue.path.map(String).join('.') : '(record)',
    message: issue.message,
    problem: fieldProblemOf(issue),
  }));
}

/** "responses row 12, field needs.0.severity: severity must be 1, 2 or 3" — English, for logs and tests; the UI words issues itself. */
export function formatIssue(issue: InputIssue): string {
  const where = issue.row === undefined ? issue.source : `${issue.source} row ${issue.row + 1}`;
  return `${where}, field ${issue.field}: ${issue.message}`;
}
