/**
 * Writes supabase/migrations/20250601000700_record_converters.sql from the field table in recordConverters.ts.
 *   npx tsx supabase/scripts/generateConverters.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRecordConverters } from './recordConverters';

export const CONVERTERS_PATH = join(import.meta.dirname, '..', 'migrations', '20250601000700_record_converters.sql');

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(CONVERTERS_PATH, renderRecordConverters());
  console.log(`wrote ${CONVERTERS_PATH}`);
}
