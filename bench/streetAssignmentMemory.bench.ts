import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { prepareDataset } from '../src/analysis/dataset';
import { buildSegmentIndex, pointSegmentDistanceSquared } from '../src/analysis/segmentIndex';
import { assignStreets, type StreetAssignment } from '../src/analysis/streetAssignment';
import { checkSame, fmtMs, recordFailedCheck, reportFailedChecks } from './measure';
import { mulberry32, syntheticTown } from './syntheticTown';
import { recordTarget } from './targets';

/**
 * Issue 16 item 5: resident memory of assigning 1,000,000 points to streets in Node, ≤ 300 MB.
 *
 * Each case runs in a child process of its own (`node --import tsx`), so the memory of the other benches (and of
 * this parent) does not count: the figure is the child's peak resident set (VmHWM), which includes Node
 * and tsx themselves (printed as "runtime"). The case is the scaling bench's 1M step: the town of 158 × 158 blocks
 * (50,244 segments, 100,000 addresses; bench/syntheticTown.ts seed 31), 1,000,000 uniform bare points as
 * Float64Arrays, projected to metres, segment index built, snapped ≤ 60 m — five times, as the scaling bench times it.
 *
 *   reused   the answer's four arrays are allocated once and reused by every later run (assignStreets(input, into));
 *   fresh    every run allocates its answer (the way before item 5);
 *   records  for comparison, what the scaling bench's process held when it printed 634 MB: a town of 1,000,000
 *            response records (objects), prepared (prepareDataset assigns the mix), then the same step.
 *
 * Answers: every run of `reused` must equal the first fresh answer, and 2,000 points must land on the same street as
 * brute force over every segment (checkSame).
 */

const N = 1_000_000;
const RUNS = 5;
const MAX_SNAP = 60;
const BRUTE_SAMPLE = 2_000;
const MiB = 2 ** 20;
type Mode = 'reused' | 'fresh' | 'records';
interface ChildResult {
  mode: Mode;
  runtimeMiB: number;
  peakMiB: number;
  rssAfterRunsMiB: number[];
  bestMs: number;
  sameAcrossRuns: boolean;
  bruteDiffer: number;
  assigned: number;
}

/**
 * Peak resident memory of this process in MiB: VmHWM of /proc/self/status (the high-water mark of this process's own
 * memory, reset by exec). Not getrusage maxRSS: Linux carries that across fork + exec, so a child started by a large
 * parent (`npm run bench` after the browser bench) would report the parent's size.
 */
function peakMiB(): number {
  try {
    const kB = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kB !== undefined) return Number(kB) / 1024;
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS / 1024;
}

function child(mode: Mode): ChildResult {
  const runtimeMiB = peakMiB();
  const town = syntheticTown({ seed: 31, blocks: 158, addresses: 100_000, responses: mode === 'records' ? N : 0 });
  const ds = prepareDataset(town);
  const [minLng, minLat, maxLng, maxLat] = town.bbox;
  const random = mulberry32(N);
  const lngs = new Float64Array(N);
  const lats = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    lngs[i] = minLng + random() * (maxLng - minLng);
    lats[i] = minLat + random() * (maxLat - minLat);
  }
  const xs = new Float64Array(N);
  const ys = new Float64Array(N);
  ds.projection.forwardInto(lngs, lats, xs, ys);
  const none = new Int32Array(N).fill(-1);
  const zeros = new Uint8Array(N);
  const ones = new Uint8Array(N).fill(1);
  const { x0s, y0s, x1s, y1s, segmentUnit } = ds.streets;
  const addressStreetUnit = new Int32Array(0);
  let first: Int32Array | null = null;
  let into: StreetAssignment | undefined;
  let sameAcrossRuns = true;
  let bestMs = Infinity;
  const rssAfterRunsMiB: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const segmentIndex = buildSegmentIndex(x0s, y0s, x1s, y1s);
    const answer = assignStreets({ addressIndex: none, addressIdGiven: zeros, ownStreetUnit: none, streetIdGiven: zeros, xs, ys, hasPoint: ones, addressStreetUnit, segmentIndex, segmentUnit, maxDistanceMeters: MAX_SNAP }, mode === 'fresh' ? undefined : into);
    bestMs = Math.min(bestMs, performance.now() - t0);
    rssAfterRunsMiB.push(process.memoryUsage().rss / MiB);
    if (first === null) first = answer.unit.slice();
    else sameAcrossRuns &&= answer.unit.every((u, i) => u === first![i]);
    into = answer;
  }
  let bruteDiffer = 0;
  for (let i = 0; i < BRUTE_SAMPLE; i++) {
    let best = -1;
    let bestD2 = MAX_SNAP * MAX_SNAP;
    for (let s = 0; s < x0s.length; s++) {
      const d2 = pointSegmentDistanceSquared(xs[i]!, ys[i]!, x0s[s]!, y0s[s]!, x1s[s]!, y1s[s]!);
      if (d2 < bestD2 || (best < 0 && d2 === bestD2)) {
        bestD2 = d2;
        best = s;
      }
    }
    if ((best >= 0 ? segmentUnit[best]! : -1) !== into!.unit[i]) bruteDiffer++;
  }
  const assigned = into!.unit.reduce((c, u) => c + (u >= 0 ? 1 : 0), 0);
  return { mode, runtimeMiB, peakMiB: peakMiB(), rssAfterRunsMiB, bestMs, sameAcrossRuns, bruteDiffer, assigned };
}

const self = fileURLToPath(import.meta.url);

function runChild(mode: Mode): ChildResult {
  const out = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const line = out.stdout.split('\n').find((l) => l.startsWith('{'));
  if (out.status !== 0 || !line) throw new Error(`child ${mode} exited ${out.status}: ${out.stderr.slice(-2000)}`);
  return JSON.parse(line) as ChildResult;
}

export function main(): void {
  console.log(`street assignment of ${N.toLocaleString('en')} bare points (50,244 segments, snap ≤ ${MAX_SNAP} m, ${RUNS} runs), each case in a child process; peak = the child's VmHWM`);
  console.log('| case | runtime (node + tsx) | peak resident | rss after each run | best run | same answer every run | brute force (2,000) |');
  console.log('|---|---:|---:|---|---:|---|---|');
  const results: Partial<Record<Mode, ChildResult>> = {};
  for (const mode of ['reused', 'fresh', 'records'] as const) {
    let r: ChildResult;
    try {
      r = runChild(mode);
    } catch (error) {
      recordFailedCheck(`streetAssignmentMemory ${mode}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    results[mode] = r;
    const same = checkSame(`street assignment memory (${mode}): the answer changed between runs`, r.sameAcrossRuns);
    const brute = checkSame(`street assignment memory (${mode}): ${r.bruteDiffer} of ${BRUTE_SAMPLE} points on another street than brute force`, r.bruteDiffer === 0);
    console.log(
      `| ${mode} | ${r.runtimeMiB.toFixed(0)} MiB | ${r.peakMiB.toFixed(0)} MiB | ${r.rssAfterRunsMiB.map((m) => m.toFixed(0)).join(' / ')} MiB | ${fmtMs(r.bestMs)} | ${same ? 'yes' : 'NO'} | ${brute ? 'same street' : `DIFFER (${r.bruteDiffer})`} (${((100 * r.assigned) / N).toFixed(1)} % assigned) |`,
    );
  }
  if (results.reused && results.fresh) {
    checkSame('street assignment memory: reused and fresh buffers gave different numbers of assigned points', results.reused.assigned === results.fresh.assigned);
  }
  if (results.reused) {
    recordTarget({ what: 'street assignment of 1M points in Node, peak resident memory (child process VmHWM, node + tsx included)', measured: Math.round(results.reused.peakMiB * 1.048576), goal: 300, unit: 'MB', source: '#16 item 5' });
  }
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(child(process.argv[3] as Mode)));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main();
  process.exitCode = reportFailedChecks();
}
