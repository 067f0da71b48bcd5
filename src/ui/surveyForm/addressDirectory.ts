import { streetLabel, type Address, type Street, type SurveyCampaign } from '../../domain';
import { searchKey } from '../../domain/text';

/**
 * The volunteer's address book: streets in Polish alphabetical order (by name, "ul." and "al." ignored, so
 * "al. Jana Pawła II" sits under J), house numbers in the order they stand on the street (2 < 2A < 10 < 12/3),
 * and a search that forgives missing Polish letters ("lesna" finds "Leśna"), because typing ś on a phone is slow.
 */

const collator = new Intl.Collator('pl', { numeric: true, sensitivity: 'base' });

export { searchKey };

export interface StreetEntry {
  street: Street;
  label: string;
  /** Its addresses in house-number order. */
  addresses: Address[];
}

export interface AddressDirectory {
  /** Streets that have at least one address, in Polish order of their names. */
  streets: StreetEntry[];
  streetById: ReadonlyMap<string, StreetEntry>;
  addressById: ReadonlyMap<string, Address>;
}

/** Compares house numbers as a Pole reads them: 2, 2A, 2B, 10, 12/3. */
export const compareHouseNumbers = (a: string, b: string): number => collator.compare(a, b);

/** Builds the directory in O(n log n). Records are shared, not copied. */
export function buildAddressDirectory(streets: readonly Street[], addresses: readonly Address[]): AddressDirectory {
  const byStreet = new Map<string, Address[]>();
  for (const a of addresses) {
    const list = byStreet.get(a.streetId);
    if (list) list.push(a);
    else byStreet.set(a.streetId, [a]);
  }
  const entries: StreetEntry[] = [];
  for (const street of streets) {
    const list = byStreet.get(street.id);
    if (!list) continue;
    list.sort((a, b) => compareHouseNumbers(a.houseNumber, b.houseNumber));
    entries.push({ street, label: streetLabel(street), addresses: list });
  }
  entries.sort((a, b) => collator.compare(a.street.name, b.street.name) || collator.compare(a.label, b.label));
  return {
    streets: entries,
    streetById: new Map(entries.map((e) => [e.street.id, e])),
    addressById: new Map(addresses.map((a) => [a.id, a])),
  };
}

/**
 * Streets matching the query: those whose name starts with it first, then those containing it, each group in
 * directory order. A trailing house number ("polna 12") is ignored here; see splitQuery. Empty query → all.
 */
export function searchStreets(directory: AddressDirectory, query: string): StreetEntry[] {
  const q = searchKey(splitQuery(query).street);
  if (!q) return directory.streets;
  const starts: StreetEntry[] = [];
  const contains: StreetEntry[] = [];
  for (const entry of directory.streets) {
    const name = searchKey(entry.street.name);
    const label = searchKey(entry.label);
    if (name.startsWith(q) || label.startsWith(q)) starts.push(entry);
    else if (label.includes(q)) contains.push(entry);
  }
  return [...starts, ...contains];
}

/** "Polna 12a" → { street: "Polna", houseNumber: "12A" }; "Polna" → { street: "Polna" }. */
export function splitQuery(query: string): { street: string; houseNumber?: string } {
  const match = /^(.*?\S)\s+(\d{1,4}[a-zA-Z]?(?:\/\d{1,4}[a-zA-Z]?)?)$/.exec(query.trim());
  if (!match) return { street: query.trim() };
  return { street: match[1]!, houseNumber: match[2]!.toUpperCase() };
}

/** The address after `addressId` on its street (house-number order), or undefined at the street's end. */
export function nextAddressOnStreet(directory: AddressDirectory, addressId: string): Address | undefined {
  const address = directory.addressById.get(addressId);
  if (!address) return undefined;
  const list = directory.streetById.get(address.streetId)?.addresses ?? [];
  const index = list.findIndex((a) => a.id === addressId);
  return index >= 0 ? list[index + 1] : undefined;
}

/** "ul. Polna 12" */
export function addressLabel(directory: AddressDirectory, address: Address): string {
  const entry = directory.streetById.get(address.streetId);
  return entry ? `${entry.label} ${address.houseNumber}` : address.houseNumber;
}

/**
 * The wave a volunteer most likely works on: the one running on `today` (YYYY-MM-DD), else the latest to start.
 * Undefined when there are no campaigns.
 */
/**
 * Where `today` (YYYY-MM-DD, the date the form gives an answer) lies against the wave's dates: 'before' its start,
 * 'after' its end, or null inside it. The form says so, so a volunteer does not file a visit under the wrong wave.
 */
export function todayAgainstWave(campaign: Pick<SurveyCampaign, 'startDate' | 'endDate'>, today: string): 'before' | 'after' | null {
  if (today < campaign.startDate) return 'before';
  if (today > campaign.endDate) return 'after';
  return null;
}

export function defaultCampaign(campaigns: readonly SurveyCampaign[], today: string): SurveyCampaign | undefined {
  const running = campaigns.filter((c) => c.startDate <= today && today <= c.endDate);
  const pool = running.length ? running : campaigns;
  return [...pool].sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : b.wave - a.wave))[0];
}
