import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { failedCheckCount, recordFailedCheck, reportFailedChecks } from './measure';
import { reportTargets, targetCount } from './targets';

/** A bench module: `main()` prints its table and records failed checks with checkSame (bench/measure.ts). */
export interface BenchModule {
  main?: () => Promise<void> | void;
}
export interface BenchFile {
  name: string;
  load: () => Promise<BenchModule>;
}

/**
 * The `*.bench.ts` files of `dir` in name order; with `only`, those whose name contains one of its words
 * (`npm run bench -- import scaling`). Helpers without `.bench.` in the name (measure.ts, syntheticTown.ts) are not run.
 */
export function benchFilesIn(dir: string, only: readonly string[] = []): BenchFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((word) => f.includes(word))))
    .sort()
    .map((name) => ({ name, load: () => import(pathToFileURL(path.join(dir, name)).href) as Promise<BenchModule> }));
}

/**
 * Runs the benches one after another and resolves to the process's exit code: 1 when any check failed (answers that
 * differ from the naive way's, a bench that threw), else 0. A bench that throws is reported and the others still run,
 * so every table is printed before the verdict.
 */
export async function runBenches(files: readonly BenchFile[], log: (line: string) => void = console.log): Promise<number> {
  const from = failedCheckCount();
  const targetsFrom = targetCount();
  for (const file of files) {
    log(`\n=== ${file.name}`);
    try {
      const module = await file.load();
      if (typeof module.main !== 'function') {
        log(`(skipped: ${file.name} exports no main())`);
        continue;
      }
      await module.main();
    } catch (error) {
      log(`${file.name} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      recordFailedCheck(`${file.name} threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  reportTargets(log, targetsFrom);
  return reportFailedChecks(log, from);
}
