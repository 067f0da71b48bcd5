import { COLLECTION_NAMES, Workspace, formatIssue, issuesFromZod, type Workspace as WorkspaceData } from '../../src/domain';

/** The collections of a workspace, without its version tag: what the generator produces. */
export type TownCollections = Omit<WorkspaceData, 'v'>;

/**
 * Every record parses with the domain schemas (and parsing changes nothing), and every reference points at
 * an existing record. Returns the problems as readable lines; empty when the town is sound.
 */
export function townProblems(town: TownCollections): string[] {
  const problems: string[] = [];
  const input = { v: 1 as const, ...town };
  const parsed = Workspace.safeParse(input);
  if (!parsed.success) return issuesFromZod(parsed.error, 'workspace').slice(0, 50).map(formatIssue);
  for (const name of COLLECTION_NAMES)
    if (JSON.stringify(parsed.data[name]) !== JSON.stringify(town[name])) problems.push(`${name}: parsing changed the records (untrimmed text?)`);
  return [...problems, ...referenceProblems(town)];
}

export function referenceProblems(town: TownCollections): string[] {
  const problems: string[] = [];
  const ids = <T extends { id: string }>(name: string, records: T[]) => {
    const set = new Set<string>();
    for (const r of records) {
      if (set.has(r.id)) problems.push(`${name}: duplicate id ${r.id}`);
      set.add(r.id);
    }
    return set;
  };
  const areas = ids('areas', town.areas);
  const streets = ids('streets', town.streets);
  const addresses = ids('addresses', town.addresses);
  const campaigns = ids('campaigns', town.campaigns);
  const resources = ids('resources', town.resources);
  ids('responses', town.responses);
  ids('groups', town.groups);
  ids('programmes', town.programmes);
  ids('events', town.events);
  const need = (set: Set<string>, id: string | undefined, where: string) => {
    if (id !== undefined && !set.has(id)) problems.push(`${where}: unknown id ${id}`);
  };
  const districtIds = new Set(town.areas.filter((a) => a.kind === 'district').map((a) => a.id));
  for (const a of town.areas) need(a.kind === 'estate' ? districtIds : areas, a.parentId, `area ${a.id} parentId`);
  for (const a of town.addresses) need(streets, a.streetId, `address ${a.id} streetId`);
  for (const c of town.campaigns) for (const id of c.areaIds) need(areas, id, `campaign ${c.id} areaIds`);
  const households = new Map(town.addresses.map((a) => [a.id, a.households]));
  const answered = new Map<string, number>();
  for (const r of town.responses) {
    need(campaigns, r.campaignId, `response ${r.id} campaignId`);
    need(addresses, r.addressId, `response ${r.id} addressId`);
    need(streets, r.streetId, `response ${r.id} streetId`);
    if (r.addressId) {
      const key = `${r.campaignId}|${r.addressId}`;
      answered.set(key, (answered.get(key) ?? 0) + 1);
      if (answered.get(key)! > (households.get(r.addressId) ?? 0)) problems.push(`response ${r.id}: more responses than households at ${r.addressId}`);
    }
  }
  for (const g of town.groups) need(resources, g.meetingPlaceId, `group ${g.id} meetingPlaceId`);
  for (const p of town.programmes) {
    need(areas, p.targetAreaId, `programme ${p.id} targetAreaId`);
    for (const id of p.partnerIds) need(resources, id, `programme ${p.id} partnerIds`);
  }
  return problems;
}
