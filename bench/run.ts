import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

/**
 * `npm run bench`: runs every `bench/*.bench.ts` module in name order. Convention: a bench module exports
 * `async function main(): Promise<void>` and runs it itself only when started directly
 * (`npx tsx bench/<name>.bench.ts`). Helpers without `.bench.` in the name (measure.ts, syntheticTown.ts) are not run.
 */
const dir = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
for (const file of files) {
  console.log(`\n=== ${file}`);
  const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { main?: () => Promise<void> | void };
  if (typeof module.main !== 'function') {
    console.log(`(skipped: ${file} exports no main())`);
    continue;
  }
  await module.main();
}
