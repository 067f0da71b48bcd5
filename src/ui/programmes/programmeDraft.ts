import type { HouseholdPoints, SelectionGeometry } from '../../analysis/revitalisationLimits';
import { geometryAreaSquareMeters } from '../../analysis/revitalisationLimits';
import { Programme, type Area, type Workspace } from '../../domain';
import type { MessageKey } from '../i18n/dictionary';
import { slugOf } from '../../domain/text';

/**
 * Pure logic of the programme form: the draft as typed, its validation through the Programme schema with errors
 * per field (translated keys, shown next to the field), a stable id from the name, and the town totals the
 * revitalisation limits are measured against.
 */

export interface ProgrammeDraft {
  name: string;
  yearFrom: string;
  yearTo: string;
  /** One goal per line. */
  goals: string;
  partnerIds: readonly string[];
}

export type DraftField = 'name' | 'yearFrom' | 'yearTo' | 'goals' | 'partnerIds' | 'target';

export const emptyDraft = (year: number): ProgrammeDraft => ({ name: '', yearFrom: String(year), yearTo: String(year + 2), goals: '', partnerIds: [] });

/** The message shown next to each field when the schema refuses it. */
const FIELD_ERROR: Record<DraftField, MessageKey> = {
  name: 'progErrName',
  yearFrom: 'progErrYear',
  yearTo: 'progErrYearTo',
  goals: 'progErrGoals',
  partnerIds: 'progErrPartners',
  target: 'progErrTarget',
};

export interface ProgrammeTarget {
  geometry: SelectionGeometry;
  /** Set when the target is exactly one known area. */
  targetAreaId?: string;
}

export type DraftOutcome = { ok: true; programme: Programme } | { ok: false; errors: Partial<Record<DraftField, MessageKey>> };

const toYear = (text: string): number | string => (/^\s*\d{4}\s*$/.test(text) ? Number(text) : text);

/** Lower-case ASCII slug of a Polish name: "Kolejowe – nasze podwórko" → "kolejowe-nasze-podworko". */
export function programmeSlug(name: string): string {
  return slugOf(name, 48) || 'program';
}

/** "pal-<slug>", with "-2", "-3"… when taken: the same name twice never overwrites a programme. */
export function programmeIdFor(name: string, takenIds: ReadonlySet<string>): string {
  const base = `pal-${programmeSlug(name)}`;
  if (!takenIds.has(base)) return base;
  for (let i = 2; ; i++) if (!takenIds.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Validates the draft with the Programme schema (the boundary: parse, then trust). */
export function draftToProgramme(draft: ProgrammeDraft, target: ProgrammeTarget | null, id: string): DraftOutcome {
  const candidate = {
    id,
    name: draft.name.trim(),
    yearFrom: toYear(draft.yearFrom),
    yearTo: toYear(draft.yearTo),
    ...(target?.targetAreaId ? { targetAreaId: target.targetAreaId } : {}),
    targetGeometry: target?.geometry,
    goals: draft.goals
      .split('\n')
      .map((g) => g.trim())
      .filter((g) => g !== ''),
    partnerIds: [...draft.partnerIds],
  };
  const parsed = Programme.safeParse(candidate);
  if (parsed.success) return { ok: true, programme: parsed.data };
  const errors: Partial<Record<DraftField, MessageKey>> = {};
  for (const issue of parsed.error.issues) {
    const head = issue.path[0];
    const field: DraftField = head === 'targetGeometry' || head === 'targetAreaId' ? 'target' : head === 'name' || head === 'yearFrom' || head === 'yearTo' || head === 'goals' || head === 'partnerIds' ? head : 'name';
    errors[field] ??= FIELD_ERROR[field];
  }
  return { ok: false, errors };
}

export interface TownTotals {
  /** The gmina's area, m²: the sum of its districts (dzielnice cover the town), or of all estates without districts. */
  townAreaSquareMeters: number;
  areaBasis: 'districts' | 'estates';
  points: HouseholdPoints;
}

/** Totals of the town the limits are measured against. O(areas + addresses). */
export function townTotals(workspace: Pick<Workspace, 'areas' | 'addresses'>): TownTotals {
  const districts = workspace.areas.filter((a: Area) => a.kind === 'district');
  const basis = districts.length > 0 ? 'districts' : 'estates';
  const areas = districts.length > 0 ? districts : workspace.areas.filter((a) => a.kind === 'estate');
  const townAreaSquareMeters = areas.reduce((sum, a) => sum + geometryAreaSquareMeters(a.geometry), 0);
  const n = workspace.addresses.length;
  const lngs = new Float64Array(n);
  const lats = new Float64Array(n);
  const households = new Float64Array(n);
  workspace.addresses.forEach((a, i) => {
    lngs[i] = a.location.coordinates[0]!;
    lats[i] = a.location.coordinates[1]!;
    households[i] = a.households ?? Number.NaN; // unknown: the share of households inside cannot be computed
  });
  return { townAreaSquareMeters, areaBasis: basis, points: { lngs, lats, households } };
}

/** A change in plain words: its direction and size in percentage points (one decimal). Whether it is significant is
 * the engine's call (needChangeTests: q ≤ 0.05 after the correction across the needs), not made here. */
export function changeInWords(change: number): { direction: 'up' | 'down' | 'same'; points: number } {
  // One decimal: the rates shown are rounded to whole per cent, so a whole-point change could contradict them.
  const points = Math.round(Math.abs(change) * 1000) / 10;
  const direction = points === 0 ? 'same' : change > 0 ? 'up' : 'down';
  return { direction, points };
}
