import { SAVED_VALUE_MAPPING_VERSION, SavedValueMapping, ValueMapping, VALUE_MAPPING_FIELDS } from '../../domain/importing';

/**
 * The value mapping a centre decided (issue 12: "samotnosc_seniorow" means loneliness_seniors), kept in the browser
 * per organisation and reused by the next import. Stored as `SavedValueMapping` (zod, `v: 1`) in localStorage under
 * `cal-map.valueMapping.<organisationId>`. On load, entries that no longer parse (a category renamed) are dropped and
 * the rest kept (STYLE.md habit 14: repair what can be repaired); a record that is not ours at all is ignored.
 */
export const VALUE_MAPPING_STORAGE_PREFIX = 'cal-map.valueMapping.';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const emptyMapping = (): ValueMapping => ({ needs: {}, nuisances: {}, offers: {}, resourceKinds: {} });

/** The saved mapping of an organisation, repaired; an empty mapping when there is none or storage fails. */
export function loadValueMapping(storage: KeyValueStorage | undefined, organisationId: string): ValueMapping {
  let raw: unknown;
  try {
    const text = storage?.getItem(VALUE_MAPPING_STORAGE_PREFIX + organisationId);
    if (!text) return emptyMapping();
    raw = JSON.parse(text);
  } catch {
    return emptyMapping();
  }
  const whole = SavedValueMapping.safeParse(raw);
  if (whole.success) return whole.data.organisationId === organisationId ? whole.data.mapping : emptyMapping();
  // Repair: keep every entry that parses on its own.
  const record = raw as { v?: unknown; organisationId?: unknown; mapping?: Record<string, unknown> };
  if (record?.v !== SAVED_VALUE_MAPPING_VERSION || record.organisationId !== organisationId || typeof record.mapping !== 'object' || record.mapping === null) return emptyMapping();
  const repaired = emptyMapping();
  for (const field of VALUE_MAPPING_FIELDS) {
    const entries = record.mapping[field];
    if (typeof entries !== 'object' || entries === null) continue;
    for (const [folded, category] of Object.entries(entries)) {
      const one = ValueMapping.safeParse({ [field]: { [folded]: category } });
      if (one.success) Object.assign(repaired[field], one.data[field]);
    }
  }
  return repaired;
}

/** Saves (replaces) the organisation's mapping. Returns false when the browser refuses (private mode, quota). */
export function saveValueMapping(storage: KeyValueStorage | undefined, organisationId: string, mapping: ValueMapping, now = new Date()): boolean {
  const record = SavedValueMapping.parse({ v: SAVED_VALUE_MAPPING_VERSION, organisationId, updatedAt: now.toISOString(), mapping });
  try {
    storage?.setItem(VALUE_MAPPING_STORAGE_PREFIX + organisationId, JSON.stringify(record));
    return storage !== undefined;
  } catch {
    return false;
  }
}

export function forgetValueMapping(storage: KeyValueStorage | undefined, organisationId: string): void {
  try {
    storage?.removeItem(VALUE_MAPPING_STORAGE_PREFIX + organisationId);
  } catch {
    // nothing to forget when storage is unavailable
  }
}

/** How many values a mapping decides. */
export const mappedValueCount = (mapping: ValueMapping | undefined): number => (mapping ? VALUE_MAPPING_FIELDS.reduce((n, f) => n + Object.keys(mapping[f]).length, 0) : 0);

/** The browser's localStorage, or undefined where there is none (tests in Node, some private modes). */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
