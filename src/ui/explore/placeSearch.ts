import { searchKey, streetLabel, type Workspace } from '../../domain';

/**
 * "Znajdź na mapie": one search over the town's streets, addresses ("Polna 12"), estates, districts and resources
 * (institutions, NGOs…), forgiving Polish letters and case ("gornicze" finds "Osiedle Górnicze", "mops" the MOPS).
 * Pure; the index is built once per workspace, a search is O(entries).
 */

export type PlaceKind = 'street' | 'address' | 'estate' | 'district' | 'resource';

export interface Place {
  kind: PlaceKind;
  /** The record to select: a street's first segment, an address, an area, a resource. */
  id: string;
  /** What the list shows: "ul. Polna", "ul. Polna 12", "Osiedle Górnicze", "MOPS Dębowo". */
  label: string;
}

interface Entry extends Place {
  /** Folded label and, for streets, the bare name ("polna") and every segment's id. */
  keys: string[];
  words: string[];
}

export interface PlaceIndex {
  entries: readonly Entry[];
  /** Folded street label or name → its address entries, for "Polna 12". */
  addressesOfStreet: ReadonlyMap<string, readonly Entry[]>;
  /** Street record id → every record id of the same street (merged segments). */
  segmentsOf: ReadonlyMap<string, readonly string[]>;
}

/**
 * The initials of a name's capitalised words, as centres abbreviate institutions: "Miejski Ośrodek Pomocy Społecznej
 * w Dębowie" → "mopsd", so "MOPS" finds it.
 */
const initials = (name: string): string =>
  searchKey(
    name
      .split(/\s+/)
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => w[0])
      .join(''),
  );

const houseNumberPattern = /^(.*?\S)\s+(\d{1,4}[a-zA-Z]?(?:\/\d{1,4}[a-zA-Z]?)?)$/;

export function buildPlaceIndex(workspace: Pick<Workspace, 'streets' | 'addresses' | 'areas' | 'resources'>): PlaceIndex {
  const entries: Entry[] = [];
  const addressesOfStreet = new Map<string, Entry[]>();
  const segmentsOf = new Map<string, string[]>();
  // Streets: one entry per label (a street drawn as several records is one place).
  const streetByLabel = new Map<string, { entry: Entry; ids: string[] }>();
  const labelOfStreet = new Map<string, string>();
  for (const street of workspace.streets) {
    const label = streetLabel(street);
    labelOfStreet.set(street.id, label);
    const known = streetByLabel.get(label);
    if (known) {
      known.ids.push(street.id);
      continue;
    }
    const entry: Entry = { kind: 'street', id: street.id, label, keys: [searchKey(label), searchKey(street.name)], words: searchKey(street.name).split(' ') };
    streetByLabel.set(label, { entry, ids: [street.id] });
    entries.push(entry);
  }
  for (const { ids } of streetByLabel.values()) for (const id of ids) segmentsOf.set(id, ids);
  const streetById = new Map(workspace.streets.map((s) => [s.id, s]));
  for (const address of workspace.addresses) {
    const streetName = labelOfStreet.get(address.streetId);
    if (!streetName) continue;
    const label = `${streetName} ${address.houseNumber}`;
    const entry: Entry = { kind: 'address', id: address.id, label, keys: [searchKey(label)], words: [] };
    const street = streetById.get(address.streetId);
    for (const k of new Set([searchKey(streetName), street ? searchKey(street.name) : ''])) {
      if (!k) continue;
      const list = addressesOfStreet.get(k) ?? [];
      list.push(entry);
      addressesOfStreet.set(k, list);
    }
  }
  for (const area of workspace.areas) {
    if (area.kind !== 'estate' && area.kind !== 'district') continue;
    entries.push({ kind: area.kind, id: area.id, label: area.name, keys: [searchKey(area.name)], words: searchKey(area.name).split(' ') });
  }
  for (const resource of workspace.resources) {
    const keys = [searchKey(resource.name)];
    const acronym = initials(resource.name);
    if (acronym.length >= 3) keys.push(acronym);
    entries.push({ kind: 'resource', id: resource.id, label: resource.name, keys, words: searchKey(resource.name).split(' ') });
  }
  return { entries, addressesOfStreet, segmentsOf };
}

const place = ({ kind, id, label }: Entry): Place => ({ kind, id, label });

/**
 * Places for a query, best first: an address when the query ends in a house number of a known street ("Polna 12",
 * "polna 12a"); then exact names, names or words that start with the query, names that contain it. Ties keep the
 * kind order street, estate, district, resource, address, then Polish alphabetical order. At most `limit`.
 */
export function searchPlaces(index: PlaceIndex, query: string, limit = 8): Place[] {
  const q = searchKey(query);
  if (!q) return [];
  const found: Place[] = [];
  const number = houseNumberPattern.exec(query.trim());
  if (number) {
    const wanted = searchKey(number[2]!);
    const streetKey = searchKey(number[1]!);
    for (const [key, addresses] of index.addressesOfStreet) {
      if (key !== streetKey && !key.startsWith(streetKey) && !key.endsWith(` ${streetKey}`)) continue;
      for (const a of addresses) if (a.keys[0]!.endsWith(` ${wanted}`) && !found.some((f) => f.id === a.id)) found.push(place(a));
    }
  }
  const rank = (e: Entry): number => {
    if (e.kind === 'address') return e.keys[0] === q ? 0 : Infinity; // addresses only by their full label (or above)
    if (e.keys.includes(q)) return 0;
    if (e.keys.some((k) => k.startsWith(q))) return 1;
    if (e.words.some((w) => w.startsWith(q))) return 2;
    if (e.keys.some((k) => k.includes(q))) return 3;
    return Infinity;
  };
  const kindOrder: Record<PlaceKind, number> = { street: 0, estate: 1, district: 2, resource: 3, address: 4 };
  const collator = new Intl.Collator('pl', { numeric: true, sensitivity: 'base' });
  const ranked = index.entries
    .map((e) => ({ e, r: rank(e) }))
    .filter((x) => x.r < Infinity)
    .sort((a, b) => a.r - b.r || kindOrder[a.e.kind] - kindOrder[b.e.kind] || collator.compare(a.e.label, b.e.label));
  const seen = new Set(found.map((p) => `${p.kind}:${p.id}`));
  for (const { e } of ranked) if (!seen.has(`${e.kind}:${e.id}`)) found.push(place(e));
  return found.slice(0, limit);
}
