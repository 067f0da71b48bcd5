/**
 * Writes supabase/seed.sql from data/demo (or the directory given as the first argument).
 *   npx tsx supabase/scripts/generateSeed.ts [workspaceDir]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasWorkspace, renderSeedSql } from './seedSql';

const root = join(import.meta.dirname, '..', '..');
const dir = process.argv[2] ?? join(root, 'data', 'demo');
if (!hasWorkspace(dir)) {
  console.error(`no workspace in ${dir} (organisation.json missing); run npm run generate:demo first`);
  process.exit(1);
}
const target = join(root, 'supabase', 'seed.sql');
writeFileSync(target, renderSeedSql(dir));
console.log(`wrote ${target}`);
