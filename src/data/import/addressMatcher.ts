import { streetLabel, type Address, type Street } from '../../domain';
import { normaliseHouseNumber, parseAddressText } from './addressText';
import { editDistance, normaliseStreetName, prefixWritten, rotationsOfKey, streetMatchKeys, tokenBagKey } from './streetNames';

type StreetPrefix = Street['prefix'];

/** One named street of the workspace: every record whose name normalises to the same key, with its addresses by number. */
interface StreetGroup {
  key: string;
  label: string;
  /** The name as the first record writes it (variants are derived from it). */
  name: string;
  streets: { id: string; prefix: StreetPrefix }[];
  /** Normalised house number ("12A", "12/14") → addresses (usually one). */
  numbers: Map<string, { id: string; streetId: string }[]>;
}

export type MatchStatus = 'address' | 'street' | 'unmatched';

export interface AddressMatch {
  status: MatchStatus;
  addressId?: string;
  streetId?: string;
  /**
   * How the street was found: its full normalised name, a looser variant ("Pawła II", "J. Pawła II"), the register
   * order ("Matejki Jana"), or the row's point (`matchOnStreet`, when the name was unknown).
   */
  streetMatchedBy?: 'name' | 'variant' | 'register_order' | 'point';
  /** `name_far_from_point`: set by the survey converter when the row's coordinates contradict the matched name. */
  reason?: 'no_street_text' | 'unknown_street' | 'ambiguous_street' | 'unknown_house_number' | 'no_house_number' | 'name_far_from_point';
  /** Closest street labels by edit distance on normalised names, best first (only when the street was not found). */
  streetSuggestions: string[];
  /** Closest house numbers on the matched street (only when the number was not found). */
  houseNumberSuggestions: string[];
}

export interface AddressMatcher {
  /** Matches a street (as written, prefix optional) and a house number ("12A/3" tries "12A/3", then "12A"). */
  match(streetText: string, houseNumber?: string): AddressMatch;
  /** Parses "ul. Jana Pawła II 12A/3" and matches it. */
  matchText(addressText: string): AddressMatch;
  /** Matches a house number on a street chosen by other means (the row's point): address if the number is there. */
  matchOnStreet(streetId: string, houseNumber?: string): AddressMatch;
  /** Ids of every street record with the same normalised name as `streetId` (ul. and pl. Wolności), itself included. */
  sameNameStreetIds(streetId: string): readonly string[];
  /**
   * How far a written name is from a street's name, 0 (same, in any register order) to 1 (nothing alike):
   * edit distance over the longer key, the best of the street's key and its register-order rotations.
   */
  nameDistance(streetText: string, streetId: string): number;
  /** The street's label ("ul. Jana Matejki"), or the id when unknown. */
  labelOf(streetId: string): string;
  /** Street labels known to the matcher, for suggestions in the UI. */
  readonly streetCount: number;
}

const EMPTY: string[] = [];
const MAX_SUGGESTIONS = 3;

const numericPart = (n: string): number => Number.parseInt(n, 10);

/**
 * Indexes streets and addresses for matching survey rows. Build: O(streets · name variants + addresses).
 * Match: O(1) map lookups per row (street text → group is cached, so 100,000 rows with a few hundred distinct streets
 * normalise each street once). Suggestions (edit distance over all street keys) are computed only for misses, once per
 * distinct misspelt street. Does not mutate its inputs.
 * @example
 * const m = buildAddressMatcher(workspace.streets, workspace.addresses);
 * m.matchText('ul. J. Pawła II 12A/3') → { status: 'address', addressId: 'addr-jana-pawla-ii-12a', streetMatchedBy: 'variant', … }
 */
export function buildAddressMatcher(streets: readonly Street[], addresses: readonly Address[]): AddressMatcher {
  const groups = new Map<string, StreetGroup>();
  const groupOfStreetId = new Map<string, StreetGroup>();
  for (const street of streets) {
    const key = normaliseStreetName(street.name);
    if (key === '') continue;
    let group = groups.get(key);
    if (!group) {
      group = { key, name: street.name, label: streetLabel(street), streets: [], numbers: new Map() };
      groups.set(key, group);
    }
    group.streets.push({ id: street.id, prefix: street.prefix });
    groupOfStreetId.set(street.id, group);
  }
  // Looser keys; a key reached from two different streets is ambiguous and is not used.
  const variants = new Map<string, StreetGroup | null>();
  for (const group of groups.values()) {
    for (const variant of streetMatchKeys(group.name)) {
      if (variant === group.key) continue;
      const existing = variants.get(variant);
      if (existing === undefined) variants.set(variant, group);
      else if (existing !== group) variants.set(variant, null);
    }
  }
  // Any word order ("Matejki Jana", "Katynia Ofiar", "Matejki J.", "Kutrzeby Tadeusza gen."): the words of every key
  // above in alphabetical order; a bag reached from two streets is ambiguous and not used.
  const bags = new Map<string, StreetGroup | null>();
  for (const group of groups.values()) {
    for (const variant of streetMatchKeys(group.name)) {
      const bag = tokenBagKey(variant);
      const existing = bags.get(bag);
      if (existing === undefined) bags.set(bag, group);
      else if (existing !== group) bags.set(bag, null);
    }
  }
  for (const address of addresses) {
    const group = groupOfStreetId.get(address.streetId);
    if (!group) continue;
    const number = normaliseHouseNumber(address.houseNumber);
    const list = group.numbers.get(number);
    const entry = { id: address.id, streetId: address.streetId };
    if (list) list.push(entry);
    else group.numbers.set(number, [entry]);
  }

  const groupKeys = [...groups.keys()];
  /** Per distinct street text: its group, and the prefix it writes (null: none), computed once. */
  type Found = { group: StreetGroup | null; by?: 'name' | 'variant' | 'register_order'; ambiguous?: boolean; prefix?: StreetPrefix | null };
  const streetCache = new Map<string, Found>();
  /** Suggestions per normalised key: misspellings of one street share them. */
  const suggestionCache = new Map<string, string[]>();

  function findGroup(streetText: string): Found {
    const cached = streetCache.get(streetText);
    if (cached) return cached;
    const key = normaliseStreetName(streetText);
    let result: Found = { group: null };
    const exact = groups.get(key);
    if (exact) result = { group: exact, by: 'name' };
    else if (key !== '') {
      const viaVariant = variants.get(key);
      const viaRotation = bags.get(tokenBagKey(key));
      if (viaVariant) result = { group: viaVariant, by: 'variant' };
      else if (viaVariant === null) result = { group: null, ambiguous: true };
      else if (viaRotation) result = { group: viaRotation, by: 'register_order' };
      else if (viaRotation === null) result = { group: null, ambiguous: true };
      else {
        // The text itself uses initials of a name the workspace writes in full, or the reverse.
        // Then its own looser forms against the workspace's ("Prymasa Stefana Wyszyńskiego" ~ "Kardynała Stefana Wyszyńskiego").
        // A form that dropped the text's leading words must keep two words: in register order the FIRST word is the
        // surname, so "Kopernika Mikołaja" → "Mikołaja" would land on ul. Świętego Mikołaja, and "Lutaków Rodziny" →
        // "Rodziny" on ul. Świętej Rodziny (issue 12).
        // A street literally called by the remaining word ("Jana Keplera" → ul. Keplera) is still found.
        const fullLength = key.split(' ').length;
        const own = streetMatchKeys(streetText).slice(1);
        const loose = own.filter((k) => {
          const n = k.split(' ').length;
          return n === fullLength || n >= 2;
        });
        const hit = own.map((k) => groups.get(k)).find((g) => g !== undefined) ?? loose.map((k) => variants.get(k)).find((g) => g);
        if (hit) result = { group: hit, by: 'variant' };
      }
    }
    if (streetCache.size < 100_000) streetCache.set(streetText, result);
    return result;
  }

  function suggestStreets(streetText: string): string[] {
    const key = normaliseStreetName(streetText);
    if (key === '') return EMPTY;
    const cached = suggestionCache.get(key);
    if (cached) return cached;
    const max = Math.max(2, Math.ceil(key.length * 0.4));
    const scored: { label: string; d: number }[] = [];
    for (const candidate of groupKeys) {
      // Also compare with the last words, so "Mickiewicz" finds "Adama Mickiewicza".
      const tail = candidate.split(' ').slice(-key.split(' ').length).join(' ');
      const d = Math.min(editDistance(key, candidate, max), editDistance(key, tail, max) + 1);
      if (d <= max) scored.push({ label: groups.get(candidate)!.label, d });
    }
    scored.sort((a, b) => a.d - b.d || (a.label < b.label ? -1 : 1));
    const suggestions = scored.slice(0, MAX_SUGGESTIONS).map((s) => s.label);
    if (suggestionCache.size < 100_000) suggestionCache.set(key, suggestions);
    return suggestions;
  }

  function suggestNumbers(group: StreetGroup, houseNumber: string): string[] {
    const wanted = numericPart(houseNumber);
    const all = [...group.numbers.keys()];
    if (!Number.isFinite(wanted)) return all.slice(0, MAX_SUGGESTIONS);
    return all
      .map((n) => ({ n, d: Math.abs(numericPart(n) - wanted) }))
      .sort((a, b) => a.d - b.d || (a.n < b.n ? -1 : 1))
      .slice(0, MAX_SUGGESTIONS)
      .map((s) => s.n);
  }

  function pickStreet(group: StreetGroup, prefix: StreetPrefix | undefined): string {
    if (prefix !== undefined) {
      const same = group.streets.find((s) => s.prefix === prefix);
      if (same) return same.id;
    }
    return group.streets[0]!.id;
  }

  function match(streetText: string, houseNumber?: string): AddressMatch {
    const text = streetText.trim();
    if (text === '') return { status: 'unmatched', reason: 'no_street_text', streetSuggestions: EMPTY, houseNumberSuggestions: EMPTY };
    const found = findGroup(text);
    if (found.group && found.prefix === undefined) found.prefix = prefixWritten(text) ?? null;
    const prefix = found.prefix ?? undefined;
    if (!found.group) {
      return { status: 'unmatched', reason: found.ambiguous ? 'ambiguous_street' : 'unknown_street', streetSuggestions: suggestStreets(text), houseNumberSuggestions: EMPTY };
    }
    const group = found.group;
    const base = { streetMatchedBy: found.by!, streetSuggestions: EMPTY };
    const number = houseNumber === undefined ? '' : normaliseHouseNumber(houseNumber);
    if (number === '') return { status: 'street', streetId: pickStreet(group, prefix), reason: 'no_house_number', houseNumberSuggestions: EMPTY, ...base };
    const building = number.split('/')[0]!;
    const hits = group.numbers.get(number) ?? group.numbers.get(building);
    if (hits) {
      // Two streets of one name (pl. Wolności and ul. Wolności) with the same number: the written prefix decides.
      const streetId = pickStreet(group, prefix);
      const address = hits.find((a) => a.streetId === streetId) ?? hits[0]!;
      return { status: 'address', addressId: address.id, streetId: address.streetId, houseNumberSuggestions: EMPTY, ...base };
    }
    return { status: 'street', streetId: pickStreet(group, prefix), reason: 'unknown_house_number', houseNumberSuggestions: suggestNumbers(group, building), ...base };
  }

  function matchOnStreet(streetId: string, houseNumber?: string): AddressMatch {
    const group = groupOfStreetId.get(streetId);
    if (!group) return { status: 'unmatched', reason: 'unknown_street', streetSuggestions: EMPTY, houseNumberSuggestions: EMPTY };
    const base = { streetMatchedBy: 'point' as const, streetSuggestions: EMPTY };
    const number = houseNumber === undefined ? '' : normaliseHouseNumber(houseNumber);
    if (number === '') return { status: 'street', streetId, reason: 'no_house_number', houseNumberSuggestions: EMPTY, ...base };
    const building = number.split('/')[0]!;
    const hits = group.numbers.get(number) ?? group.numbers.get(building);
    if (hits) {
      const address = hits.find((a) => a.streetId === streetId) ?? hits[0]!;
      return { status: 'address', addressId: address.id, streetId: address.streetId, houseNumberSuggestions: EMPTY, ...base };
    }
    return { status: 'street', streetId, reason: 'unknown_house_number', houseNumberSuggestions: suggestNumbers(group, building), ...base };
  }

  const rotationCache = new Map<string, string[]>();
  function nameDistance(streetText: string, streetId: string): number {
    const group = groupOfStreetId.get(streetId);
    const key = normaliseStreetName(streetText);
    if (!group || key === '') return 1;
    let keys = rotationCache.get(group.key);
    if (!keys) {
      keys = [group.key, ...rotationsOfKey(group.key)];
      rotationCache.set(group.key, keys);
    }
    let best = 1;
    for (const k of keys) {
      const longer = Math.max(k.length, key.length);
      best = Math.min(best, editDistance(key, k, longer) / longer);
    }
    return best;
  }

  return {
    match,
    matchOnStreet,
    sameNameStreetIds: (streetId) => groupOfStreetId.get(streetId)?.streets.map((s) => s.id) ?? [streetId],
    nameDistance,
    labelOf: (streetId) => groupOfStreetId.get(streetId)?.label ?? streetId,
    matchText(addressText: string): AddressMatch {
      const parsed = parseAddressText(addressText);
      return match(parsed.street, parsed.houseNumber);
    },
    streetCount: groups.size,
  };
}
