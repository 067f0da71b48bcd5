import type { Group, GroupKind, NeedCategoryId, Resource, ResourceKind } from '../../domain';
import { nameMatches, polishCollator, type SortDirection, type SortOrder } from '../common/table/tableSort';


/**
 * The inventory view's table logic: filter resources and groups by kind, need and a name search, and sort them
 * the way a Polish reader expects (ą after a, ł after l; "Szkoła" before "Świetlica"). UI logic over the
 * workspace's records, no statistics. Every function returns a new array and never mutates its input.
 */

/** `kind` and `need` null mean "any"; `query` is matched against names without case or diacritics. */
export interface InventoryFilter<K extends string> {
  query: string;
  kind: K | null;
  need: NeedCategoryId | null;
}


export const RESOURCE_SORT_KEYS = ['name', 'kind', 'needs', 'partnership', 'coalitions'] as const;
export type ResourceSortKey = (typeof RESOURCE_SORT_KEYS)[number];
export const GROUP_SORT_KEYS = ['name', 'kind', 'needs', 'years', 'meetingPlace'] as const;
export type GroupSortKey = (typeof GROUP_SORT_KEYS)[number];



/** Resources passing the filter, in input order. O(n · name length). */
export function filterResources(resources: readonly Resource[], filter: InventoryFilter<ResourceKind>): Resource[] {
  return resources.filter(
    (r) => (filter.kind === null || r.kind === filter.kind) && (filter.need === null || r.serves.includes(filter.need)) && nameMatches(r.name, filter.query),
  );
}

/** Groups passing the filter (need = one of the group's target needs), in input order. */
export function filterGroups(groups: readonly Group[], filter: InventoryFilter<GroupKind>): Group[] {
  return groups.filter(
    (g) => (filter.kind === null || g.kind === filter.kind) && (filter.need === null || g.targetNeeds.includes(filter.need)) && nameMatches(g.name, filter.query),
  );
}

/** Words the sort needs that the records hold only as ids (labels in the UI language). */
export interface SortLabels {
  kind: (kind: string) => string;
  /** Name of the resource that hosts a group's meetings; undefined when none or unknown. */
  meetingPlace?: (resourceId: string) => string | undefined;
}

type Compare<T> = (a: T, b: T) => number;
/** A comparison whose `missing` side sorts last in both directions: a planner looks for what is there. */
type KeyComparison = { missing: 1 | -1 } | { value: number };

const compareOptional = <V>(a: V | undefined, b: V | undefined, compare: Compare<V>): KeyComparison => {
  if (a === undefined && b === undefined) return { value: 0 };
  if (a === undefined) return { missing: 1 };
  if (b === undefined) return { missing: -1 };
  return { value: compare(a, b) };
};

const compareStrings: Compare<string> = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const byName: Compare<{ name: string; id: string }> = (a, b) => polishCollator.compare(a.name, b.name) || compareStrings(a.id, b.id);

/** Stable sorted copy: by `key` in `direction`, missing values last, ties by name then id (so the order is total). */
function sortRecords<T extends { name: string; id: string }>(records: readonly T[], direction: SortDirection, key: (a: T, b: T) => KeyComparison): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...records].sort((a, b) => {
    const c = key(a, b);
    if ('missing' in c) return c.missing;
    return sign * c.value || byName(a, b);
  });
}

/**
 * Sorted copy of `resources`. Name and kind in Polish order (kind by its label), needs and coalitions by how many,
 * partnership by the declaration date (no declaration last). Ties fall back to the name, then the id.
 */
export function sortResources(resources: readonly Resource[], order: SortOrder<ResourceSortKey>, labels: SortLabels): Resource[] {
  switch (order.key) {
    case 'name':
      return sortRecords(resources, order.direction, (a, b) => ({ value: polishCollator.compare(a.name, b.name) }));
    case 'kind':
      return sortRecords(resources, order.direction, (a, b) => ({ value: polishCollator.compare(labels.kind(a.kind), labels.kind(b.kind)) }));
    case 'needs':
      return sortRecords(resources, order.direction, (a, b) => ({ value: a.serves.length - b.serves.length }));
    case 'partnership':
      return sortRecords(resources, order.direction, (a, b) => compareOptional(a.partnershipDeclaredOn, b.partnershipDeclaredOn, compareStrings));
    case 'coalitions':
      return sortRecords(resources, order.direction, (a, b) => ({ value: a.coalitions.length - b.coalitions.length }));
  }
}

/** Sorted copy of `groups`: years by the first year active (then the last, a group still meeting last). */
export function sortGroups(groups: readonly Group[], order: SortOrder<GroupSortKey>, labels: SortLabels): Group[] {
  switch (order.key) {
    case 'name':
      return sortRecords(groups, order.direction, (a, b) => ({ value: polishCollator.compare(a.name, b.name) }));
    case 'kind':
      return sortRecords(groups, order.direction, (a, b) => ({ value: polishCollator.compare(labels.kind(a.kind), labels.kind(b.kind)) }));
    case 'needs':
      return sortRecords(groups, order.direction, (a, b) => ({ value: a.targetNeeds.length - b.targetNeeds.length }));
    case 'years':
      return sortRecords(groups, order.direction, (a, b) => ({ value: a.activeFrom - b.activeFrom || (a.activeTo ?? 9999) - (b.activeTo ?? 9999) }));
    case 'meetingPlace': {
      const place = (g: Group) => (g.meetingPlaceId ? labels.meetingPlace?.(g.meetingPlaceId) : undefined);
      return sortRecords(groups, order.direction, (a, b) => compareOptional(place(a), place(b), (x, y) => polishCollator.compare(x, y)));
    }
  }
}
