import {
  COLLECTION_NAMES,
  COLLECTION_SCHEMAS,
  Id,
  issuesFromZod,
  type CollectionName,
  type CollectionRecord,
  type InputIssue,
} from '../domain';

/**
 * Validation of DataSource.applyChanges' argument, shared by both adapters so that they refuse the same things
 * with the same issues before anything is written (the Supabase RPC checks again on the server).
 */

/**
 * The order writes follow: what others refer to comes first (a street before its addresses, a campaign and an
 * address before the answers about them, a resource before the group meeting there). Deletes go in reverse.
 * The same order as supabase/migrations/20250601000800_record_rpcs.sql (apply_changes).
 */
export const CHANGE_ORDER: readonly CollectionName[] = ['areas', 'streets', 'addresses', 'campaigns', 'resources', 'groups', 'programmes', 'events', 'responses'];

/** Where issues about the shape of the whole change (not one collection) point. */
export const CHANGES_SOURCE = 'changes';

export interface ValidatedChanges {
  /** Non-empty lists only, in CHANGE_ORDER; records as their schemas output them (trimmed). */
  upserts: Array<{ collection: CollectionName; records: CollectionRecord<CollectionName>[] }>;
  /** Non-empty lists only, in CHANGE_ORDER (the adapters delete in reverse). */
  deletes: Array<{ collection: CollectionName; ids: string[] }>;
  /** Records plus ids: what size limits count. */
  count: number;
}

export type CheckedRecords = { ok: true; parsed: CollectionRecord<CollectionName>[] } | { ok: false; issues: InputIssue[] };

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && Object.hasOwn(COLLECTION_SCHEMAS, value);
}

export function unknownCollectionIssue(collection: unknown): InputIssue {
  return { source: String(collection), field: '(collection)', message: `unknown collection; expected one of: ${COLLECTION_NAMES.join(', ')}` };
}

/**
 * Validates records for `collection` with its schema; returns the parsed records or every issue. `withRows`
 * numbers the records (0-based) for batches; an id seen twice in the batch is an issue on its second row.
 * Never mutates `records`. O(n).
 */
export function validateCollectionRecords(collection: CollectionName, records: readonly unknown[], withRows: boolean): CheckedRecords {
  const schema = COLLECTION_SCHEMAS[collection];
  const issues: InputIssue[] = [];
  const parsed: CollectionRecord<CollectionName>[] = [];
  const firstRowOfId = new Map<string, number>();
  records.forEach((record, row) => {
    const result = schema.safeParse(record);
    if (!result.success) {
      issues.push(...issuesFromZod(result.error, collection, withRows ? row : undefined));
      return;
    }
    const firstRow = firstRowOfId.get(result.data.id);
    if (firstRow !== undefined) {
      issues.push({ source: collection, row, field: 'id', message: `id "${result.data.id}" already appears in row ${firstRow + 1} of this batch` });
      return;
    }
    firstRowOfId.set(result.data.id, row);
    parsed.push(result.data);
  });
  return issues.length ? { ok: false, issues } : { ok: true, parsed };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The lists of one part (`upserts` or `deletes`) by collection, or issues for a bad shape or an unknown collection. */
function listsOf(part: 'upserts' | 'deletes', value: unknown, issues: InputIssue[]): Map<CollectionName, unknown[]> {
  const lists = new Map<CollectionName, unknown[]>();
  if (value === undefined || value === null) return lists;
  if (!isPlainObject(value)) {
    issues.push({ source: CHANGES_SOURCE, field: part, message: `${part} must be an object of lists by collection` });
    return lists;
  }
  for (const [key, list] of Object.entries(value)) {
    if (list === undefined) continue;
    if (!isCollectionName(key)) {
      issues.push({ ...unknownCollectionIssue(key), field: `(collection) in ${part}` });
    } else if (!Array.isArray(list)) {
      issues.push({ source: key, field: `(${part})`, message: `${part} of ${key} must be a list` });
    } else {
      lists.set(key, list);
    }
  }
  return lists;
}

/**
 * Validates a whole change before anything is written: the shape, every record with its collection's schema
 * (duplicate ids in one list too), every id to delete, and no id both upserted and deleted in one collection.
 * Issues carry the collection as `source` and the 0-based row in that collection's list. Never throws. O(n).
 *
 * @example
 * validateChanges({ upserts: { streets: [street] }, deletes: { addresses: ['bad id!'] } })
 * // → { ok: false, issues: [{ source: 'addresses', row: 0, field: 'id', message: 'id may contain only …' }] }
 */
export function validateChanges(changes: unknown): { ok: true; changes: ValidatedChanges } | { ok: false; issues: InputIssue[] } {
  if (!isPlainObject(changes)) return { ok: false, issues: [{ source: CHANGES_SOURCE, field: '(changes)', message: 'changes must be an object with upserts and deletes' }] };
  const issues: InputIssue[] = [];
  for (const key of Object.keys(changes)) {
    if (key !== 'upserts' && key !== 'deletes') issues.push({ source: CHANGES_SOURCE, field: key, message: 'changes hold only upserts and deletes' });
  }
  const upsertLists = listsOf('upserts', changes.upserts, issues);
  const deleteLists = listsOf('deletes', changes.deletes, issues);

  const validated: ValidatedChanges = { upserts: [], deletes: [], count: 0 };
  for (const collection of CHANGE_ORDER) {
    const records = upsertLists.get(collection) ?? [];
    const checked = validateCollectionRecords(collection, records, true);
    if (!checked.ok) issues.push(...checked.issues);
    else if (checked.parsed.length > 0) validated.upserts.push({ collection, records: checked.parsed });
    const upserted = new Set(checked.ok ? checked.parsed.map((record) => record.id) : []);

    const ids: string[] = [];
    (deleteLists.get(collection) ?? []).forEach((value, row) => {
      const id = Id.safeParse(value);
      if (!id.success) {
        issues.push(...issuesFromZod(id.error, collection, row).map((issue) => ({ ...issue, field: 'id' })));
      } else if (upserted.has(id.data)) {
        issues.push({ source: collection, row, field: 'id', message: `id "${id.data}" is both saved and deleted in this change` });
      } else {
        ids.push(id.data);
      }
    });
    if (ids.length > 0) validated.deletes.push({ collection, ids });
    validated.count += (checked.ok ? checked.parsed.length : 0) + ids.length;
  }
  return issues.length ? { ok: false, issues } : { ok: true, changes: validated };
}
