import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { benchFilesIn, runBenches } from './runner';

/**
 * `npm run bench` (or `npm run bench -- <word> ...` for the files whose name contains a word): runs every
 * `bench/*.bench.ts` module in name order. Convention: a bench module exports `async function main(): Promise<void>`,
 * records each comparison with the naive way through checkSame (bench/measure.ts), and runs itself only when started
 * directly (`npx tsx bench/<name>.bench.ts`). Exits 1 when any comparison differed or a bench threw.
 */
const dir = path.dirname(fileURLToPath(import.meta.url));
process.exitCode = await runBenches(benchFilesIn(dir, process.argv.slice(2)));
