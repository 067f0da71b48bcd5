import { COLLECTION_NAMES, type CollectionName, type CollectionRecord, type InputIssue } from '../../domain';
import { parseCollectionFile } from './demoLoader';
import { STORAGE_SOURCE } from './overlayEntry';

/**
 * A centre's own town stored compactly (issue #16, a city-sized town in the browser): one IndexedDB record per
 * collection, holding the collection's validated records as UTF-8 JSON bytes and the SHA-256 of those bytes, instead
 * of one record per entry (218,845 records for a city of 100k answers, each parsed with zod on every reopen).
 *
 * Restoring: bytes whose digest equals the one written with them are, byte for byte, what was validated when stored,
 * and are read with JSON.parse alone (as the demo's build-validated files are, demoLoader.ts); anything else (bytes
 * changed, a digest missing) is validated record by record with the collection's schema, and a bad record is reported
 * (source "browser storage") and left out, never thrown. The same function runs in the analysis worker on the same
 * bytes (transferred, not copied), so both threads hold the same workspace.
 */

export const SNAPSHOT_FORMAT_VERSION = 1;

/** One collection of a stored workspace. `bytes`: JSON array of records (UTF-8); `sha256`: hex digest of `bytes`. */
export interface StoredSnapshot {
  v: 1;
  collection: CollectionName;
  bytes: ArrayBuffer;
  sha256: string;
  records: number;
}

/** SHA-256 of bytes, in hex (Web Crypto: the browser's, the worker's and Node's). */
export async function sha256OfBytes(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Packs validated records (as their schema output them) into a snapshot. The digest is taken of the bytes written,
 * so JSON.parse of those bytes gives back these records. O(size of the records).
 */
export async function packCollection<C extends CollectionName>(collection: C, records: readonly CollectionRecord<C>[]): Promise<StoredSnapshot> {
  const encoded = new TextEncoder().encode(JSON.stringify(records));
  const bytes = encoded.buffer.byteLength === encoded.byteLength ? (encoded.buffer as ArrayBuffer) : encoded.slice().buffer;
  return { v: SNAPSHOT_FORMAT_VERSION, collection, bytes, sha256: await sha256OfBytes(bytes), records: records.length };
}

const isSnapshotEnvelope = (raw: unknown): raw is StoredSnapshot => {
  if (typeof raw !== 'object' || raw === null) return false;
  const s = raw as Partial<StoredSnapshot>;
  return s.v === SNAPSHOT_FORMAT_VERSION && (COLLECTION_NAMES as readonly unknown[]).includes(s.collection) && s.bytes instanceof ArrayBuffer && typeof s.sha256 === 'string';
};

export interface RestoredSnapshots {
  /** Records by collection (collections without a snapshot are absent). */
  collections: Partial<{ [C in CollectionName]: CollectionRecord<C>[] }>;
  issues: InputIssue[];
  /** The snapshots that were read (their bytes still attached, unless handed on), to hand to the analysis worker. */
  snapshots: StoredSnapshot[];
  /** How many collections were read with JSON.parse alone (their digest matched). */
  trusted: number;
}

/** Stored snapshots checked and decoded, not yet parsed: their texts, whether each digest matched, and the snapshots. */
export interface DecodedSnapshots {
  texts: Array<{ collection: CollectionName; text: string; trusted: boolean }>;
  issues: InputIssue[];
  /** The snapshots decoded, in the order of `texts`. Their bytes are no longer needed here: they may be transferred. */
  snapshots: StoredSnapshot[];
}

/**
 * First half of restoreSnapshots: envelopes checked, bytes decoded and their digests compared. Never throws.
 * O(bytes). The texts are all `parseDecodedSnapshots` needs, so the bytes can go to the analysis worker in between.
 */
export async function decodeSnapshots(stored: readonly unknown[]): Promise<DecodedSnapshots> {
  const decoded: DecodedSnapshots = { texts: [], issues: [], snapshots: [] };
  const decoder = new TextDecoder();
  const seen = new Set<CollectionName>();
  for (const [row, raw] of stored.entries()) {
    if (!isSnapshotEnvelope(raw)) {
      const version = typeof raw === 'object' && raw !== null ? (raw as { v?: unknown }).v : undefined;
      decoded.issues.push({
        source: STORAGE_SOURCE,
        row,
        field: '(snapshot)',
        message: version === SNAPSHOT_FORMAT_VERSION
          ? 'a saved collection of this workspace is unreadable (no collection name or no data); it was skipped'
          : `a saved collection has format version ${String(version)}, which this version of CAL Map cannot read; it was skipped`,
      });
      continue;
    }
    const { collection } = raw;
    if (seen.has(collection)) {
      decoded.issues.push({ source: STORAGE_SOURCE, row, field: '(snapshot)', message: `the saved ${collection} appear twice; the second copy was skipped` });
      continue;
    }
    seen.add(collection);
    decoded.texts.push({ collection, text: decoder.decode(raw.bytes), trusted: (await sha256OfBytes(raw.bytes)) === raw.sha256 });
    decoded.snapshots.push(raw);
  }
  return decoded;
}

/**
 * Second half: each text read with JSON.parse alone when its digest matched, else validated record by record with the
 * collection's schema (a bad record reported and left out). Never throws. O(size), plus O(records) zod parses for
 * a collection whose digest did not match.
 */
export function parseDecodedSnapshots(decoded: DecodedSnapshots): RestoredSnapshots {
  const restored: RestoredSnapshots = { collections: {}, issues: [...decoded.issues], snapshots: decoded.snapshots, trusted: 0 };
  for (const { collection, text, trusted } of decoded.texts) {
    let records: unknown[] | undefined;
    if (trusted) {
      try {
        const json = JSON.parse(text) as unknown;
        if (Array.isArray(json)) records = json;
      } catch {
        records = undefined; // validated below, which reports why
      }
    }
    if (records) restored.trusted += 1;
    else {
      const parsed = parseCollectionFile(collection, `${STORAGE_SOURCE} (${collection})`, text);
      records = parsed.records;
      restored.issues.push(...parsed.issues);
    }
    (restored.collections as Record<CollectionName, unknown[]>)[collection] = records;
  }
  return restored;
}

/**
 * Restores stored snapshots (unvalidated values read from IndexedDB or received by the worker). Never throws.
 * O(bytes) for a snapshot whose digest matches, plus O(records) zod parses for one that does not.
 */
export async function restoreSnapshots(stored: readonly unknown[]): Promise<RestoredSnapshots> {
  return parseDecodedSnapshots(await decodeSnapshots(stored));
}
