import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** Benchmark plumbing: the machine and package versions a result belongs to, and a timer. */

/** Prints CPU, cores, memory, OS, Node and the versions of the given packages (read from node_modules). */
export function printMachine(packages: readonly string[]): void {
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()} ${os.arch()}`);
  const versions = packages.map((name) => {
    try {
      const pkg = JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string };
      return `${name} ${pkg.version}`;
    } catch {
      return `${name} (not found)`;
    }
  });
  console.log(`node ${process.version}; ${versions.join(', ')}`);
}

/** Best (minimum) wall time in ms of `repeats` runs of `fn` after one warm-up run; returns the last result too. */
export function timeBest<T>(fn: () => T, repeats = 3): { ms: number; result: T } {
  let result = fn();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

/** Wall time in ms of one run (for slow naive baselines that cannot be repeated). */
export function timeOnce<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

/** The median of the values that are numbers (NaN when none): the middle one, or the mean of the middle two. */
export const median = (values: readonly number[]): number => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const fmtMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);
export const fmtRatio = (r: number): string => `${r >= 100 ? r.toFixed(0) : r.toFixed(1)}×`;

/** Resident set size in MiB now (peak memory is approximated by sampling after each step). */
export const rssMiB = (): number => process.memoryUsage().rss / 2 ** 20;

/**
 * Checks of this process's bench run that failed: the fast way gave other answers than the naive way in the same
 * run, or an input was missing. `npm run bench` prints them after the tables and exits 1 (bench/runner.ts): a table
 * that says DIFFER must not end with exit code 0.
 */
const failedChecks: string[] = [];

/** Records `what` as a failed check unless `same`; returns `same`, for the table's text. */
export function checkSame(what: string, same: boolean): boolean {
  if (!same) failedChecks.push(what);
  return same;
}

/** Records a check that could not run (e.g. the committed demo town is missing). */
export function recordFailedCheck(what: string): void {
  failedChecks.push(what);
}

/** Prints the checks failed since the `from`-th and returns the exit code: 0 when none failed, else 1. */
export function reportFailedChecks(log: (line: string) => void = console.log, from = 0): number {
  const failed = failedChecks.slice(from);
  if (failed.length === 0) return 0;
  log(`\nFAILED: ${failed.length} check${failed.length === 1 ? '' : 's'} of this run:`);
  for (const what of failed) log(`  - ${what}`);
  return 1;
}

/** How many checks have failed so far in this process (where a run starts counting). */
export const failedCheckCount = (): number => failedChecks.length;
