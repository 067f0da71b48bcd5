import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, COLLECTION_SCHEMAS, Organisation } from '../../src/domain';
import { RECORD_CONVERTERS, renderRecordConverters } from '../scripts/recordConverters';
import { CONVERTERS_PATH } from '../scripts/generateConverters';

/**
 * The record converters are generated from one field table (supabase/scripts/recordConverters.ts). The table must say
 * what the zod schemas say — the same keys in the same order, the same optional ones — and the committed migration
 * must be what the table renders. No database needed: the SQL itself is exercised by schema.test.ts (zod ↔ SQL parity
 * samples), rpcBadInput.test.ts and every test that loads data.
 */

type Shape = Record<string, { safeParse(value: unknown): { success: boolean } }>;
const shapeOf = (schema: unknown): Shape => (schema as { shape: Shape }).shape;

/** "id,name,parentId?,…": keys in order, optional ones marked (a zod field is optional when it accepts undefined). */
const zodKeys = (schema: unknown): string =>
  Object.entries(shapeOf(schema)).map(([name, f]) => `${name}${f.safeParse(undefined).success ? '?' : ''}`).join(',');

describe('record converters', () => {
  it('cover the organisation and every workspace collection, once each', () => {
    expect(RECORD_CONVERTERS.map((c) => c.collection).sort()).toEqual(['organisation', ...COLLECTION_NAMES].sort());
  });

  it('list the fields of each zod schema, in its order, with the same optional fields', () => {
    const schemas: Record<string, unknown> = { organisation: Organisation, ...COLLECTION_SCHEMAS };
    const table = Object.fromEntries(RECORD_CONVERTERS.map((c) => [
      c.collection, Object.entries(c.fields).map(([name, f]) => `${name}${f.optional ? '?' : ''}`).join(','),
    ]));
    const zod = Object.fromEntries(RECORD_CONVERTERS.map((c) => [c.collection, zodKeys(schemas[c.collection])]));
    expect(table).toEqual(zod);
    // e.g. responses: addressId, streetId, location and leaderCandidate may be left out; needs may not.
    expect(table.responses).toBe('id,campaignId,addressId?,streetId?,location?,date,householdSize,needs,nuisances,offers,leaderCandidate?');
  });

  it('are committed as rendered (run npx tsx supabase/scripts/generateConverters.ts)', () => {
    const committed = readFileSync(CONVERTERS_PATH, 'utf8');
    expect(committed).toBe(renderRecordConverters());
    // Ten converters and the needs' child converter, each defined once.
    expect(committed.match(/^create function private\.\w+_from_json\(/gm)).toHaveLength(11);
  });
});
