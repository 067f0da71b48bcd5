import { issuesFromZod, type InputIssue, type Workspace } from '../../domain';
import { WORKSPACE_FILE_FORMAT, WORKSPACE_FILE_VERSION, WorkspaceFile } from '../../domain/importing';

/**
 * One JSON file holding a whole workspace: `{ format: 'cal-map-workspace', v: 1, exportedAt, workspace }`.
 * Export then import gives a deep-equal workspace (a property test proves it). Older versions are migrated on load
 * (excalidraw's `restore` idea, STYLE.md habit 14); newer ones are refused with a message.
 */

const SOURCE = 'workspace file';

/**
 * Migrations from file version n to n + 1, applied in order on load. Empty while v1 is the only version.
 * Each takes the parsed JSON of version n (unknown: it was never validated against v1) and returns version n + 1.
 */
export const WORKSPACE_MIGRATIONS: Readonly<Record<number, (file: Record<string, unknown>) => Record<string, unknown>>> = {};

/** Serialises a workspace. `now` is injectable for reproducible files. O(size). Does not mutate `workspace`. */
export function exportWorkspaceFile(workspace: Workspace, now: Date = new Date()): string {
  const file: WorkspaceFile = { format: WORKSPACE_FILE_FORMAT, v: WORKSPACE_FILE_VERSION, exportedAt: now.toISOString(), workspace };
  return `${JSON.stringify(file)}\n`;
}

/** Applies migrations `from` → `from + 1` → … → `to` in order; each sees the previous one's output. */
export function migrateWorkspaceFile(
  file: Record<string, unknown>,
  from: number,
  to: number,
  migrations: Readonly<Record<number, (file: Record<string, unknown>) => Record<string, unknown>>>,
): { ok: true; file: Record<string, unknown> } | { ok: false; message: string } {
  let current = file;
  for (let v = from; v < to; v++) {
    const migrate = migrations[v];
    if (!migrate) return { ok: false, message: `the file is version ${from} and there is no upgrade from version ${v}` };
    try {
      current = migrate(current);
    } catch (error) {
      return { ok: false, message: `the file could not be upgraded from version ${v} (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  return { ok: true, file: current };
}

export type ParsedWorkspaceFile = { ok: true; workspace: Workspace; exportedAt: string; migratedFrom?: number } | { ok: false; issues: InputIssue[] };

const fail = (message: string, field = '(file)'): ParsedWorkspaceFile => ({ ok: false, issues: [{ source: SOURCE, field, message }] });

/**
 * Reads a workspace file: JSON, format, version (migrating older ones), then the domain Workspace schema. Every problem
 * is an issue naming its path (`workspace.streets.3.geometry.coordinates.0.1`). Never throws. O(size).
 * @example parseWorkspaceFile(exportWorkspaceFile(ws)) → { ok: true, workspace: ws (deep-equal), … }
 */
export function parseWorkspaceFile(text: string, migrations = WORKSPACE_MIGRATIONS): ParsedWorkspaceFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`the file is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('the file must hold one JSON object');
  let file = json as Record<string, unknown>;
  if (file.format !== WORKSPACE_FILE_FORMAT) return fail(`this is not a CAL Map workspace file (format must be "${WORKSPACE_FILE_FORMAT}")`, 'format');
  const version = file.v;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail('the file has no valid version number "v"', 'v');
  if (version > WORKSPACE_FILE_VERSION) return fail(`the file was written by a newer CAL Map (file version ${version}, this one reads up to ${WORKSPACE_FILE_VERSION}); update the app`, 'v');
  let migratedFrom: number | undefined;
  if (version < WORKSPACE_FILE_VERSION) {
    const migrated = migrateWorkspaceFile(file, version, WORKSPACE_FILE_VERSION, migrations);
    if (!migrated.ok) return fail(migrated.message, 'v');
    file = migrated.file;
    migratedFrom = version;
  }
  const parsed = WorkspaceFile.safeParse(file);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error, SOURCE) };
  return { ok: true, workspace: parsed.data.workspace, exportedAt: parsed.data.exportedAt, ...(migratedFrom === undefined ? {} : { migratedFrom }) };
}
