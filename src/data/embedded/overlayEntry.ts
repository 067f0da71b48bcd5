import { z } from 'zod';
import {
  COLLECTION_NAMES,
  COLLECTION_SCHEMAS,
  Id,
  issuesFromZod,
  type CollectionName,
  type CollectionRecord,
  type InputIssue,
  type Workspace,
} from '../../domain';

/**
 * The user's changes on top of the demo town, one entry per (collection, id): an upsert carries the whole
 * record, a delete is a tombstone. Entries carry `v: 1` (STYLE.md habit 14) so a later format can migrate them.
 */
export type OverlayEntry =
  | { v: 1; collection: CollectionName; id: string; op: 'upsert'; record: CollectionRecord<CollectionName> }
  | { v: 1; collection: CollectionName; id: string; op: 'delete' };

/** Where issues about stored entries point: the user knows it as their browser, not as IndexedDB. */
export const STORAGE_SOURCE = 'browser storage';

export const OVERLAY_FORMAT_VERSION = 1;

/** The envelope; the record inside is checked afterwards with its collection's schema. */
const StoredEnvelope = z.object({
  collection: z.enum(COLLECTION_NAMES, { error: `collection must be one of: ${COLLECTION_NAMES.join(', ')}` }),
  id: Id,
  op: z.enum(['upsert', 'delete'], { error: 'op must be upsert or delete' }),
  // Optional here because a tombstone has none; an upsert's record is checked with its collection's schema.
  record: z.unknown().optional(),
});

const describe = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : String(value));

/**
 * Validates entries read from IndexedDB, which may come from an older version or have been tampered with.
 * A bad entry becomes issues (source "browser storage", 0-based row in store order, the field) and is skipped;
 * the others are returned. Never throws. O(n).
 */
export function restoreOverlayEntries(stored: readonly unknown[]): { entries: OverlayEntry[]; issues: InputIssue[] } {
  const entries: OverlayEntry[] = [];
  const issues: InputIssue[] = [];
  stored.forEach((raw, row) => {
    const version = typeof raw === 'object' && raw !== null ? (raw as { v?: unknown }).v : undefined;
    if (version !== OVERLAY_FORMAT_VERSION) {
      issues.push({
        source: STORAGE_SOURCE,
        row,
        field: 'v',
        message: `a saved change has format version ${describe(version)}, which this version of CAL Map cannot read; it was skipped`,
      });
      return;
    }
    const envelope = StoredEnvelope.safeParse(raw);
    if (!envelope.success) {
      issues.push(...issuesFromZod(envelope.error, STORAGE_SOURCE, row).map((issue) => ({ ...issue, message: `${issue.message}; this saved change was skipped` })));
      return;
    }
    const { collection, id, op } = envelope.data;
    if (op === 'delete') {
      entries.push({ v: 1, collection, id, op });
      return;
    }
    const record = COLLECTION_SCHEMAS[collection].safeParse(envelope.data.record);
    if (!record.success) {
      const where = `saved ${collection} record "${id}"`;
      issues.push(...issuesFromZod(record.error, STORAGE_SOURCE, row).map((issue) => ({ ...issue, message: `${issue.message} (${where}; skipped)` })));
      return;
    }
    if (record.data.id !== id) {
      issues.push({ source: STORAGE_SOURCE, row, field: 'id', message: `saved ${collection} record is filed under id "${id}" but says "${record.data.id}"; it was skipped` });
      return;
    }
    entries.push({ v: 1, collection, id, op, record: record.data });
  });
  return { entries, issues };
}

/**
 * demo ⊕ overlay: an upsert replaces the demo record with its id in place or, if there is none, is appended;
 * a delete hides the record. Returns a new workspace with new arrays; records are shared, not copied.
 * O(demo records + entries).
 */
export function applyOverlay(demo: Workspace, entries: readonly OverlayEntry[]): Workspace {
  const byCollection = new Map<CollectionName, Map<string, OverlayEntry>>();
  for (const entry of entries) {
    let forCollection = byCollection.get(entry.collection);
    if (!forCollection) byCollection.set(entry.collection, (forCollection = new Map()));
    forCollection.set(entry.id, entry);
  }

  const merged: Workspace = { ...demo };
  for (const collection of COLLECTION_NAMES) {
    const changes = byCollection.get(collection);
    const demoRecords: readonly { id: string }[] = demo[collection];
    if (!changes) {
      (merged as Record<CollectionName, unknown[]>)[collection] = [...demoRecords];
      continue;
    }
    const result: unknown[] = [];
    const seen = new Set<string>();
    for (const record of demoRecords) {
      seen.add(record.id);
      const change = changes.get(record.id);
      if (!change) result.push(record);
      else if (change.op === 'upsert') result.push(change.record);
    }
    for (const change of changes.values()) {
      if (change.op === 'upsert' && !seen.has(change.id)) result.push(change.record);
    }
    (merged as Record<CollectionName, unknown[]>)[collection] = result;
  }
  return merged;
}
