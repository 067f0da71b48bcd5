import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSame, failedCheckCount, recordFailedCheck, reportFailedChecks } from '../../bench/measure';
import { benchFilesIn, runBenches, type BenchFile } from '../../bench/runner';

/** A bench that prints a table row and records one comparison, as the real benches do. */
const bench = (name: string, same: boolean): BenchFile => ({
  name,
  load: async () => ({
    main: () => {
      console.log(`| ${name} | ${checkSame(`${name}: answers differ from the naive way`, same) ? 'identical' : 'DIFFER'} |`);
    },
  }),
});

describe('npm run bench (bench/runner.ts): a mismatch is a non-zero exit, after every table is printed', () => {
  it('exits 0 when every comparison gave the same answers', async () => {
    const log: string[] = [];
    expect(await runBenches([bench('a.bench.ts', true), bench('b.bench.ts', true)], (line) => log.push(line))).toBe(0);
    expect(log).toEqual(['\n=== a.bench.ts', '\n=== b.bench.ts']);
  });

  it('exits 1 when one comparison differed, still runs the benches after it, and names what differed', async () => {
    const log: string[] = [];
    const ran: string[] = [];
    const tracked = (file: BenchFile): BenchFile => ({ ...file, load: async () => (ran.push(file.name), file.load()) });
    const code = await runBenches([tracked(bench('a.bench.ts', true)), tracked(bench('b.bench.ts', false)), tracked(bench('c.bench.ts', true))], (line) => log.push(line));
    expect(code).toBe(1);
    expect(ran).toEqual(['a.bench.ts', 'b.bench.ts', 'c.bench.ts']);
    expect(log.slice(-2)).toEqual(['\nFAILED: 1 check of this run:', '  - b.bench.ts: answers differ from the naive way']);
  });

  it('a bench that throws is a failure too, and the next one runs; a module without main() is skipped, not failed', async () => {
    const log: string[] = [];
    const throwing: BenchFile = { name: 'x.bench.ts', load: async () => ({ main: () => Promise.reject(new Error('demo town missing')) }) };
    const noMain: BenchFile = { name: 'y.bench.ts', load: async () => ({}) };
    expect(await runBenches([noMain], (line) => log.push(line))).toBe(0);
    expect(log).toEqual(['\n=== y.bench.ts', '(skipped: y.bench.ts exports no main())']);
    log.length = 0;
    expect(await runBenches([throwing, bench('z.bench.ts', true)], (line) => log.push(line))).toBe(1);
    expect(log).toContain('\n=== z.bench.ts');
    expect(log.slice(-2)).toEqual(['\nFAILED: 1 check of this run:', '  - x.bench.ts threw: demo town missing']);
  });

  it('counts only the failures of its own run (a process that ran an earlier, failing run starts clean)', async () => {
    recordFailedCheck('an earlier run');
    const from = failedCheckCount();
    expect(await runBenches([bench('a.bench.ts', true)], () => {})).toBe(0);
    const log: string[] = [];
    expect(reportFailedChecks((line) => log.push(line), from - 1)).toBe(1);
    expect(log).toEqual(['\nFAILED: 1 check of this run:', '  - an earlier run']);
  });

  it('finds the bench files in name order, helpers left out, filtered by the words given', () => {
    const dir = join(import.meta.dirname, '../../bench');
    // Benches are added all the time: the list is checked for order, helpers and a few that exist, not spelled out.
    const names = benchFilesIn(dir).map((f) => f.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['analysisCore.bench.ts', 'explore.bench.ts', 'firstPaint.bench.ts', 'import.bench.ts', 'scaling.bench.ts']));
    expect(names.filter((n) => !n.endsWith('.bench.ts'))).toEqual([]);
    expect(names).not.toContain('measure.ts');
    expect(benchFilesIn(dir, ['import', 'scal']).map((f) => f.name)).toEqual(['import.bench.ts', 'scaling.bench.ts']);
  });
});

describe('targets (bench/targets.ts): every measured goal printed once, met or not, after the tables', () => {
  it('prints a table of the targets recorded during the run, with the verdict by the direction of "better"', async () => {
    const { recordTarget } = await import('../../bench/targets');
    const log: string[] = [];
    const withTargets: BenchFile = {
      name: 't.bench.ts',
      load: async () => ({
        main: () => {
          recordTarget({ what: 'first map', measured: 1200, goal: 1500, unit: 'ms', source: '#16' });
          recordTarget({ what: 'bundle', measured: 470.2, goal: 450, unit: 'kB gz' });
          recordTarget({ what: 'speed-up', measured: 3, goal: 10, unit: '×', better: 'higher' });
        },
      }),
    };
    expect(await runBenches([withTargets], (line) => log.push(line))).toBe(0);
    expect(log).toContain('| first map | #16 | 1200 ms | ≤ 1500 ms | met |');
    expect(log).toContain('| bundle |  | 470 kB gz | ≤ 450 kB gz | NOT MET |');
    expect(log).toContain('| speed-up |  | 3 × | ≥ 10 × | NOT MET |');
  });
});
