import { Area, AreaKind, Name, searchKey, slugOf, type Workspace } from '../../domain';
import type { WorkspaceChanges } from '../../data/dataSource';

/**
 * Areas a planner draws and names on the map (districts, estates, care regions, a town outline): the form's
 * values are validated with the domain's zod schemas, and every save, edit and deletion is one atomic change with
 * the change that takes it back (undo). Pure: the panel (AreaDrawPanel.tsx) renders and dispatches.
 */

/** The kinds a drawn area may have, in the order the form lists them. */
export const DRAWN_AREA_KINDS = ['estate', 'district', 'care_region', 'custom'] as const satisfies readonly AreaKind[];

export interface AreaDraft {
  /** Absent for a new area. */
  id?: string;
  name: string;
  kind: AreaKind;
  /** The drawn boundary, [lng, lat] rings; absent while editing an existing area's name or kind only. */
  geometry?: Area['geometry'];
}

/** Errors of the form, per field, as codes the panel words from its dictionary. */
export type AreaDraftError = 'name_empty' | 'name_too_long' | 'name_taken' | 'kind_unknown' | 'geometry_invalid';

export type AreaSave =
  | { ok: true; area: Area; changes: WorkspaceChanges; undo: WorkspaceChanges }
  | { ok: false; errors: Partial<Record<'name' | 'kind' | 'geometry', AreaDraftError>>; detail?: string };

const key = searchKey;

/**
 * The area a draft saves, with the change that writes it and the change that takes it back. A new area gets an id
 * from its kind and name ("area-osiedle-zielone-wzgorze", numbered when taken); an edited one keeps its id and, when
 * no new boundary is given, its geometry. Two areas of one kind may not share a name (folded: "Łąkowe" = "lakowe").
 * @example saveAreaDraft({ name: 'Zielone Wzgórze', kind: 'estate', geometry }, workspace).area.id → 'area-osiedle-zielone-wzgorze'
 */
export function saveAreaDraft(draft: AreaDraft, workspace: Pick<Workspace, 'areas'>): AreaSave {
  const errors: Partial<Record<'name' | 'kind' | 'geometry', AreaDraftError>> = {};
  const name = Name.safeParse(draft.name);
  if (!name.success) errors.name = draft.name.trim() === '' ? 'name_empty' : 'name_too_long';
  const kind = AreaKind.safeParse(draft.kind);
  if (!kind.success) errors.kind = 'kind_unknown';
  const previous = draft.id ? workspace.areas.find((a) => a.id === draft.id) : undefined;
  if (name.success && kind.success && workspace.areas.some((a) => a.id !== draft.id && a.kind === kind.data && key(a.name) === key(name.data))) errors.name = 'name_taken';
  const geometry = draft.geometry ?? previous?.geometry;
  if (!geometry) errors.geometry = 'geometry_invalid';
  if (Object.keys(errors).length) return { ok: false, errors };
  let id = previous?.id;
  if (!id) {
    const prefix = { district: 'dzielnica', estate: 'osiedle', care_region: 'rejon', custom: 'obszar' }[kind.data!];
    const base = `area-${prefix}-${slugOf(name.data!, 40) || 'obszar'}`;
    const used = new Set(workspace.areas.map((a) => a.id));
    id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  }
  const parsed = Area.safeParse({ ...(previous ?? {}), id, name: name.data, kind: kind.data, geometry });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, errors: { geometry: 'geometry_invalid' }, detail: issue ? `${issue.path.join('.')}: ${issue.message}` : undefined };
  }
  const area = parsed.data;
  return {
    ok: true,
    area,
    changes: { upserts: { areas: [area] } },
    undo: previous ? { upserts: { areas: [previous] } } : { deletes: { areas: [area.id] } },
  };
}

export type AreaDeletion =
  | { ok: true; changes: WorkspaceChanges; undo: WorkspaceChanges }
  /** The waves that cover this area: deleting it would leave them pointing at nothing. */
  | { ok: false; waves: string[] };

/**
 * Deleting an area: refused while a survey wave covers it (the wave names it); estates inside a deleted district lose
 * it as parent in the same change. The undo brings the area and the parents back.
 */
export function deleteArea(areaId: string, workspace: Pick<Workspace, 'areas' | 'campaigns'>): AreaDeletion {
  const waves = workspace.campaigns.filter((c) => c.areaIds.includes(areaId)).map((c) => c.name);
  if (waves.length) return { ok: false, waves };
  const area = workspace.areas.find((a) => a.id === areaId);
  if (!area) return { ok: true, changes: {}, undo: {} };
  const children = workspace.areas.filter((a) => a.parentId === areaId);
  const orphans = children.map(({ parentId: _parent, ...rest }) => rest);
  return {
    ok: true,
    changes: { deletes: { areas: [areaId] }, ...(orphans.length ? { upserts: { areas: orphans } } : {}) },
    undo: { upserts: { areas: [area, ...children] } },
  };
}
