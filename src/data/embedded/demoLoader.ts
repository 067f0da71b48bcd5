import type { z } from 'zod';
import {
  COLLECTION_NAMES,
  COLLECTION_SCHEMAS,
  Organisation,
  issuesFromZod,
  type CollectionName,
  type CollectionRecord,
  type InputIssue,
  type Workspace,
} from '../../domain';
import { abortError, isAbortError, throwIfAborted } from '../abort';

/**
 * Reads the text of one demo file by its name (`areas.json`). Injected so the loader runs in the browser
 * (fetch of a Vite asset URL) and in Node (fs) alike. Rejects when the file cannot be read;
 * an abort rejects with an AbortError.
 */
export type ReadDemoFile = (fileName: string, signal?: AbortSignal) => Promise<string>;

/**
 * Whether a demo file's text is, byte for byte, one the build validated (data/demoMapPlugin.ts: every record passed its
 * zod schema, ids unique, and the parsed records equal the JSON as written): such a file is read with JSON.parse alone.
 * Anything else — a file changed on the server, a missing digest — is validated record by record as always.
 */
export type TrustDemoFile = (fileName: string, text: string) => Promise<boolean>;

/** SHA-256 of `text` as UTF-8, in hex (Web Crypto: the browser's and Node's). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const ORGANISATION_FILE = 'organisation.json';

/** `areas` → `areas.json`: one file per collection in data/demo/. */
export const collectionFileName = (collection: CollectionName): string => `${collection}.json`;

/** Every file the demo town is made of. */
export const DEMO_FILE_NAMES: readonly string[] = [ORGANISATION_FILE, ...COLLECTION_NAMES.map(collectionFileName)];

/**
 * Used when organisation.json is missing or invalid, so the app still opens (with an issue saying why).
 * Valid against the Organisation schema (a test checks it).
 */
export const FALLBACK_ORGANISATION: Organisation = Object.freeze({
  id: 'demo-organisation',
  name: 'Ośrodek demonstracyjny',
  kind: 'other',
  gminaTeryt: '0000001',
  town: 'Miasto demonstracyjne',
});

/**
 * After this many records with problems in one file, the rest are only counted: a wholly broken file
 * of 8,000 rows should yield a readable list, not 24,000 lines.
 */
export const MAX_REPORTED_RECORDS_PER_FILE = 50;

export interface ParsedCollection<C extends CollectionName> {
  records: CollectionRecord<C>[];
  issues: InputIssue[];
}

/** JSON.parse that reports instead of throwing; `undefined` means the text was not JSON. */
function parseJsonText(fileName: string, text: string, issues: InputIssue[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    issues.push({ source: fileName, field: '(file)', message: `the file is not valid JSON (${reason}); nothing was loaded from it` });
    return undefined;
  }
}

/**
 * Parses one collection file: a JSON array of records. Each record is validated on its own (one bad record
 * does not hide the others), and a record that fails, or repeats an earlier id, is skipped and reported with
 * its 0-based row and field. Never throws on bad input. O(n) in the number of records.
 */
export function parseCollectionFile<C extends CollectionName>(collection: C, fileName: string, text: string): ParsedCollection<C> {
  const issues: InputIssue[] = [];
  const records: CollectionRecord<C>[] = [];
  const json = parseJsonText(fileName, text, issues);
  if (json === undefined) return { records, issues };
  if (!Array.isArray(json)) {
    issues.push({ source: fileName, field: '(file)', message: 'the file must hold a JSON array of records; nothing was loaded from it' });
    return { records, issues };
  }

  const schema: z.ZodType<CollectionRecord<C>> = COLLECTION_SCHEMAS[collection] as unknown as z.ZodType<CollectionRecord<C>>;
  const firstRowOfId = new Map<string, number>();
  let badRecords = 0;
  const report = (recordIssues: InputIssue[]) => {
    badRecords += 1;
    if (badRecords <= MAX_REPORTED_RECORDS_PER_FILE) issues.push(...recordIssues);
  };

  for (let row = 0; row < json.length; row++) {
    const result = schema.safeParse(json[row]);
    if (!result.success) {
      report(issuesFromZod(result.error, fileName, row));
      continue;
    }
    const firstRow = firstRowOfId.get(result.data.id);
    if (firstRow !== undefined) {
      report([{ source: fileName, row, field: 'id', message: `id "${result.data.id}" already appears in row ${firstRow + 1}; this record was skipped` }]);
      continue;
    }
    firstRowOfId.set(result.data.id, row);
    records.push(result.data);
  }

  const unreported = badRecords - MAX_REPORTED_RECORDS_PER_FILE;
  if (unreported > 0) {
    issues.push({ source: fileName, field: '(file)', message: `${unreported} more invalid records were skipped and are not listed` });
  }
  return { records, issues };
}

/** Parses organisation.json (one object); on any problem, reports it and returns the fallback organisation. */
export function parseOrganisationFile(text: string): { organisation: Organisation; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const json = parseJsonText(ORGANISATION_FILE, text, issues);
  if (json === undefined) return { organisation: FALLBACK_ORGANISATION, issues: withFallbackNote(issues) };
  const result = Organisation.safeParse(json);
  if (!result.success) return { organisation: FALLBACK_ORGANISATION, issues: withFallbackNote(issuesFromZod(result.error, ORGANISATION_FILE)) };
  return { organisation: result.data, issues };
}

function withFallbackNote(issues: InputIssue[]): InputIssue[] {
  return [...issues, { source: ORGANISATION_FILE, field: '(file)', message: `the organisation could not be loaded; showing "${FALLBACK_ORGANISATION.name}" instead` }];
}

export interface LoadedDemo {
  /** Always valid: records that failed were left out, a broken organisation replaced by the fallback. */
  workspace: Workspace;
  issues: InputIssue[];
  /** Files that could not be read at all (missing, network error): worth retrying, unlike a file that is invalid. */
  unreadFiles: string[];
}

/** Reads a file, turning a read failure into an issue; an abort is rethrown, never reported. */
async function readOrReport(readDemoFile: ReadDemoFile, fileName: string, signal: AbortSignal | undefined, issues: InputIssue[]): Promise<string | undefined> {
  try {
    return await readDemoFile(fileName, signal);
  } catch (error) {
    if (isAbortError(error) || signal?.aborted) throw abortError();
    const reason = error instanceof Error ? error.message : String(error);
    issues.push({ source: fileName, field: '(file)', message: `the file could not be read (${reason}); nothing was loaded from it` });
    return undefined;
  }
}

/**
 * Loads the demo town: reads all files in parallel, then parses and validates each (a file `trust` recognises as one
 * the build validated is only parsed).
 * A missing or broken file becomes an issue naming it and leaves its collection empty; the others load.
 * Resolves with a workspace that always validates; rejects only with an AbortError.
 *
 * @example const { workspace, issues } = await loadDemoWorkspace(readBundledDemoFile, controller.signal);
 */
export async function loadDemoWorkspace(readDemoFile: ReadDemoFile, signal?: AbortSignal, trust?: TrustDemoFile): Promise<LoadedDemo> {
  throwIfAborted(signal);
  const readIssues: InputIssue[][] = DEMO_FILE_NAMES.map(() => []);
  const texts = await Promise.all(DEMO_FILE_NAMES.map((fileName, i) => readOrReport(readDemoFile, fileName, signal, readIssues[i]!)));
  throwIfAborted(signal);

  const issues: InputIssue[] = [];
  const [organisationText, ...collectionTexts] = texts;
  issues.push(...readIssues[0]!);
  let organisation: Organisation = FALLBACK_ORGANISATION;
  if (organisationText === undefined) {
    issues.push(...withFallbackNote([]));
  } else {
    const parsed = parseOrganisationFile(organisationText);
    organisation = parsed.organisation;
    issues.push(...parsed.issues);
  }

  // Every file's digest at once: one wait, not one per file behind whatever else the page is doing (issue #16).
  const trusted = await Promise.all(COLLECTION_NAMES.map((collection, i) => (trust && collectionTexts[i] !== undefined ? trust(collectionFileName(collection), collectionTexts[i]) : false)));
  throwIfAborted(signal);
  const collections = {} as { [C in CollectionName]: CollectionRecord<C>[] };
  for (const [i, collection] of COLLECTION_NAMES.entries()) {
    issues.push(...readIssues[i + 1]!);
    const text = collectionTexts[i];
    if (text === undefined) {
      collections[collection] = [];
      continue;
    }
    const fileName = collectionFileName(collection);
    if (trusted[i]) {
      (collections as Record<CollectionName, unknown[]>)[collection] = JSON.parse(text) as unknown[];
      continue;
    }
    const parsed = parseCollectionFile(collection, fileName, text);
    (collections as Record<CollectionName, unknown[]>)[collection] = parsed.records;
    issues.push(...parsed.issues);
  }

  const unreadFiles = DEMO_FILE_NAMES.filter((_, i) => texts[i] === undefined);
  return { workspace: { v: 1, organisation, ...collections }, issues, unreadFiles };
}
