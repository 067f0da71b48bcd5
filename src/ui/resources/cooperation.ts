import { pointInGeometry } from '../../analysis/pointInArea';
import { NEED_CATEGORY_IDS, type Group, type NeedCategoryId, type Resource, type Workspace } from '../../domain';
import { polishCollator } from '../common/table/tableSort';

/** "Partnerstwo lokalne" (institutions that signed the local partnership) or a coalition around one cause. */
export type CooperationKind = 'partnership' | 'coalition';

/** Who works together under one name, on which needs, and where (UX.md "The resources side"; issue 14 item 4). */
export interface Cooperation {
  name: string;
  kind: CooperationKind;
  /** Member institutions, by name. */
  members: Resource[];
  /** Groups that meet at a member institution (their host works with the others). */
  groups: Group[];
  /** Needs the members and their groups address, in taxonomy order, with how many of them address each. */
  needs: { need: NeedCategoryId; count: number }[];
  /** Estates where members are, by name (members outside every estate are not named here). */
  estates: string[];
}

/** A name that says "partnership" (partnerstwo) is the local partnership; any other a coalition. */
export const cooperationKind = (name: string): CooperationKind => (/^partnerstw/i.test(name.trim()) ? 'partnership' : 'coalition');

/**
 * The coalitions and partnerships of the inventory, from the names each institution lists in `coalitions`: members,
 * the groups they host, the needs all of them address, the estates they are in. Partnerships first, then by number of
 * members, then by name. Pure; O(resources × coalitions + groups + members × estates).
 */
export function cooperations(workspace: Pick<Workspace, 'resources' | 'groups' | 'areas'>): Cooperation[] {
  const byName = new Map<string, Resource[]>();
  for (const resource of workspace.resources) {
    for (const name of new Set(resource.coalitions)) byName.set(name, [...(byName.get(name) ?? []), resource]);
  }
  const estates = workspace.areas.filter((a) => a.kind === 'estate');
  const result: Cooperation[] = [];
  for (const [name, found] of byName) {
    const members = [...found].sort((a, b) => polishCollator.compare(a.name, b.name));
    const memberIds = new Set(members.map((m) => m.id));
    const groups = workspace.groups.filter((g) => g.meetingPlaceId !== undefined && memberIds.has(g.meetingPlaceId)).sort((a, b) => polishCollator.compare(a.name, b.name));
    const counts = new Map<NeedCategoryId, number>();
    for (const needs of [...members.map((m) => m.serves), ...groups.map((g) => g.targetNeeds)]) {
      for (const need of new Set(needs)) counts.set(need, (counts.get(need) ?? 0) + 1);
    }
    const where = new Set<string>();
    for (const m of members) {
      const [lng, lat] = m.location.coordinates;
      const estate = estates.find((e) => pointInGeometry(lng, lat, e.geometry));
      if (estate) where.add(estate.name);
    }
    result.push({
      name,
      kind: cooperationKind(name),
      members,
      groups,
      needs: NEED_CATEGORY_IDS.filter((n) => counts.has(n)).map((need) => ({ need, count: counts.get(need)! })),
      estates: [...where].sort(polishCollator.compare),
    });
  }
  return result.sort((a, b) => (a.kind !== b.kind ? (a.kind === 'partnership' ? -1 : 1) : b.members.length - a.members.length || polishCollator.compare(a.name, b.name)));
}
