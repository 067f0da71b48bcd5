import { issuesFromZod, type InputIssue, type Workspace } from '../../domain';
import { WORKSPACE_FILE_FORMAT, WORKSPACE_FILE_VERSION, WorkspaceFile } from '../../domain/importing';
import { importMessage, importMessageLogText, type ImportMessage } from './importMessages';

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
): { ok: true; file: Record<string, unknown> } | { ok: false; msg: ImportMessage } {
  let current = file;
  for (let v = from; v < to; v++) {
    const migrate = migrations[v];
    if (!migrate) return { ok: false, msg: importMessage('workspace_no_upgrade', { from, step: v }) };
    try {
      current = migrate(current);
    } catch (error) {
      return { ok: false, msg: importMessage('workspace_upgrade_failed', { step: v, reason: error instanceof Error ? error.message : String(error) }) };
    }
  }
  return { ok: true, file: current };
}

/** A problem of the file: a coded message of its own, or (from the Workspace schema) the domain's `problem`. */
export type WorkspaceFileIssue = InputIssue & { msg?: ImportMessage };
export type ParsedWorkspaceFile = { ok: true; workspace: Workspace; exportedAt: string; migratedFrom?: number } | { ok: false; issues: WorkspaceFileIssue[] };

const fail = (msg: ImportMessage, field = '(file)'): ParsedWorkspaceFile => ({ ok: false, issues: [{ source: SOURCE, field, message: importMessageLogText(msg), msg }] });

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
    return fail(importMessage('not_json', { reason: error instanceof Error ? error.message : String(error) }));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail(importMessage('workspace_not_object'));
  let file = json as Record<string, unknown>;
  if (file.format !== WORKSPACE_FILE_FORMAT) return fail(importMessage('workspace_wrong_format', { format: WORKSPACE_FILE_FORMAT }), 'format');
  const version = file.v;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail(importMessage('workspace_no_version'), 'v');
  if (version > WORKSPACE_FILE_VERSION) return fail(importMessage('workspace_newer', { version, supported: WORKSPACE_FILE_VERSION }), 'v');
  let migratedFrom: number | undefined;
  if (version < WORKSPACE_FILE_VERSION) {
    const migrated = migrateWorkspaceFile(file, version, WORKSPACE_FILE_VERSION, migrations);
    if (!migrated.ok) return fail(migrated.msg, 'v');
    file = migrated.file;
    migratedFrom = version;
  }
  const parsed = WorkspaceFile.safeParse(file);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error, SOURCE) };
  return { ok: true, workspace: parsed.data.workspace, exportedAt: parsed.data.exportedAt, ...(migratedFrom === undefined ? {} : { migratedFrom }) };
}
