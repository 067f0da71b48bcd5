import { streetLabel, type LeaderContact, type NeedCategoryId, type Workspace } from '../../domain';
import type { AnalysisClient, AnalysisOutcome } from '../../worker/analysisClient';
import { polishCollator } from './table/tableSort';

/** One household that wants to be a local leader, with its contact if the resident left one (a separate consent). */
export interface LeaderCandidateRow {
  responseId: string;
  campaignId: string;
  /** The day of the survey answer (YYYY-MM-DD). */
  date: string;
  streetId: string | null;
  /** "ul. Polna 12" when the answer has an address, "ul. Polna" when only its street, null when neither. */
  place: string | null;
  streetName: string | null;
  /** The street's name without its prefix ("Polna" for "ul. Polna"): streets are sorted by it, as in a street index. */
  streetSortName: string | null;
  estateId: string | null;
  estateName: string | null;
  interests: readonly NeedCategoryId[];
  contact: LeaderContact | null;
}

export type LeaderGrouping = 'street' | 'estate';

export interface LeaderGroup {
  /** Street or estate id; null for the answers with none. */
  id: string | null;
  name: string | null;
  /** What the groups are sorted by (a street's name without its prefix). */
  sortName: string | null;
  rows: LeaderCandidateRow[];
}

/** The responses that are leader candidates (the household's consent to be contacted), in workspace order. */
export const leaderCandidateIds = (workspace: Workspace): string[] => workspace.responses.filter((r) => r.leaderCandidate).map((r) => r.id);

/**
 * Response id → the estate the engine counts the answer in, for the leader candidates: the map's own rule
 * (analysis/exploreResponseUnits.ts over unitLayers.ts — the answer's point, else the street's majority estate), asked
 * of the shared analysis worker. Answers in no estate are absent. Rejects with the engine's message when it refuses.
 * @example await leaderEstates(client, workspace, { signal }) → Map { 'resp-17' => 'estate-zamkowe', … }
 */
export async function leaderEstates(client: AnalysisClient, workspace: Workspace, options: { signal?: AbortSignal; channel: string }): Promise<Map<string, string>> {
  const ok = <T,>(o: AnalysisOutcome<T>): T => {
    if (!o.ok) throw new Error(o.message);
    return o.value;
  };
  const responseIds = leaderCandidateIds(workspace);
  const unit = { kind: 'estate' as const };
  const [layer, placed] = await Promise.all([
    client.layer(unit, { signal: options.signal }).then(ok),
    client.responseUnits({ unit, responseIds }, { signal: options.signal, channel: options.channel }).then(ok),
  ]);
  const estates = new Map<string, string>();
  responseIds.forEach((id, k) => {
    const u = placed.unitOfResponse[k]!;
    if (u >= 0) estates.set(id, layer.unitIds[u]!);
  });
  return estates;
}

/**
 * The leader candidates of a workspace (responses with `leaderCandidate`, i.e. the household's consent to be
 * contacted), each with its street, its estate as the engine counts it (`estateOfResponse`, from `leaderEstates`)
 * and the contact kept for it apart from the workspace, if any. A contact whose response is gone is left out.
 * Newest answers first. O(responses + candidates).
 */
export function leaderCandidateRows(workspace: Workspace, contacts: readonly LeaderContact[], estateOfResponse: ReadonlyMap<string, string>): LeaderCandidateRow[] {
  const contactByResponse = new Map(contacts.map((c) => [c.responseId, c]));
  const addresses = new Map(workspace.addresses.map((a) => [a.id, a]));
  const streets = new Map(workspace.streets.map((s) => [s.id, s]));
  const estates = new Map(workspace.areas.filter((a) => a.kind === 'estate').map((a) => [a.id, a]));
  const rows: LeaderCandidateRow[] = [];
  for (const response of workspace.responses) {
    if (!response.leaderCandidate) continue;
    const address = response.addressId === undefined ? undefined : addresses.get(response.addressId);
    const streetId = address?.streetId ?? response.streetId ?? null;
    const street = streetId === null ? undefined : streets.get(streetId);
    const estateId = estateOfResponse.get(response.id);
    const estate = estateId === undefined ? undefined : estates.get(estateId);
    const streetName = street ? streetLabel(street) : null;
    rows.push({
      responseId: response.id,
      campaignId: response.campaignId,
      date: response.date,
      streetId: street ? street.id : null,
      place: streetName === null ? null : address ? `${streetName} ${address.houseNumber}` : streetName,
      streetName,
      streetSortName: street ? street.name : null,
      estateId: estate?.id ?? null,
      estateName: estate?.name ?? null,
      interests: response.leaderCandidate.interests,
      contact: contactByResponse.get(response.id) ?? null,
    });
  }
  return rows.sort((a, b) => (a.date === b.date ? a.responseId.localeCompare(b.responseId) : a.date < b.date ? 1 : -1));
}

/** Keeps the rows of candidates interested in `need` (all when null). Pure. */
export const filterByInterest = (rows: readonly LeaderCandidateRow[], need: NeedCategoryId | null): LeaderCandidateRow[] =>
  need === null ? [...rows] : rows.filter((row) => row.interests.includes(need));

/** Groups rows by street (sorted by name without prefix) or estate, in Polish alphabetical order, "none" last; rows keep their order. Pure. */
export function groupLeaderRows(rows: readonly LeaderCandidateRow[], by: LeaderGrouping): LeaderGroup[] {
  const groups = new Map<string | null, LeaderGroup>();
  for (const row of rows) {
    const id = by === 'street' ? row.streetId : row.estateId;
    const name = by === 'street' ? row.streetName : row.estateName;
    const sortName = by === 'street' ? row.streetSortName : row.estateName;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { id, name, sortName, rows: [] }));
    group.rows.push(row);
  }
  return [...groups.values()].sort((a, b) => (a.sortName === null ? 1 : b.sortName === null ? -1 : polishCollator.compare(a.sortName, b.sortName) || polishCollator.compare(a.name!, b.name!)));
}

/**
 * Leader candidates of one wave per estate id: the counts the report prints and the list's estate groups hold (both
 * from `leaderCandidateRows`, so they agree). Never who.
 */
export function leaderCountsByEstate(rows: readonly LeaderCandidateRow[], campaignId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) if (row.campaignId === campaignId && row.estateId !== null) counts.set(row.estateId, (counts.get(row.estateId) ?? 0) + 1);
  return counts;
}
