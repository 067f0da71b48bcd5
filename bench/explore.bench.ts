import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compositeNeedIndex } from '../src/analysis/needIndex';
import { quantileClassBreaks } from '../src/analysis/exploreClassBreaks';
import { createExploreSession, type ExploreInput, type ExploreSession } from '../src/analysis/exploreSession';
import { aggregateDataset } from '../src/analysis/needQueries';
import { prepareDataset } from '../src/analysis/dataset';
import { ClusterQuery, CoverageQuery, NeedMapQuery, type NeedWeightsInput, type UnitChoice } from '../src/domain/analysisRequest';
import { NEED_CATEGORY_IDS } from '../src/domain/needs';
import { Workspace } from '../src/domain/workspace';
import { fmtMs, fmtRatio, printMachine, recordFailedCheck, reportFailedChecks, rssMiB, timeBest, timeOnce } from './measure';
import { mulberry32, syntheticTown } from './syntheticTown';

/**
 * The explore facade (src/analysis/exploreSession.ts) as the UI uses it, against the naive way in the same run:
 *  - time to the first need map: prepare the records + the first aggregate and map;
 *  - a weight change: the composite index from the cached per-unit rates (O(units × needs)) vs a full recompute
 *    from the points (aggregate every response again, then index and class breaks) and vs re-preparing from records;
 *  - Gi* + problem clusters + DBSCAN for a new selection; network coverage for all twelve needs, first time.
 * On the demo town (data/demo, ~5,800 responses) and on a synthetic town of 100,000 responses.
 */

const DEMO_FILES = ['organisation', 'areas', 'streets', 'addresses', 'campaigns', 'responses', 'resources', 'groups', 'programmes', 'events'];

function demoWorkspace(): { input: ExploreInput; campaignId: string } {
  const read = (f: string) => JSON.parse(readFileSync(new URL(`../data/demo/${f}.json`, import.meta.url), 'utf8')) as unknown;
  const workspace = Workspace.parse({ v: 1, ...Object.fromEntries(DEMO_FILES.map((f) => [f, read(f)])) });
  return { input: workspace, campaignId: workspace.campaigns[0]!.id };
}

function syntheticInput(responses: number): { input: ExploreInput; campaignId: string } {
  const town = syntheticTown({ seed: 21, blocks: 40, addresses: 20_000, responses, barePointShare: 0.05 });
  const random = mulberry32(9);
  const [x0, y0, x1, y1] = town.bbox;
  const resources = Array.from({ length: 60 }, (_, i) => ({
    id: `res-${i}`,
    name: `Placówka ${i}`,
    kind: 'ngo' as const,
    location: { type: 'Point' as const, coordinates: [x0 + random() * (x1 - x0), y0 + random() * (y1 - y0)] as [number, number] },
    serves: NEED_CATEGORY_IDS.filter(() => random() < 0.2),
    coalitions: [],
  }));
  return { input: { ...town, resources, groups: [] }, campaignId: 'wave-1' };
}

function randomWeights(random: () => number): NeedWeightsInput {
  const w: NeedWeightsInput = { housing: 1 + Math.round(random() * 5) };
  for (const id of NEED_CATEGORY_IDS) if (random() < 0.4) w[id] = Math.round(random() * 10);
  return w;
}

type Row = [string, string, string, string];

function benchTown(name: string, input: ExploreInput, campaignId: string, rows: Row[]): void {
  const street: UnitChoice = { kind: 'street', hexSizeMeters: 250 };
  const hex: UnitChoice = { kind: 'hex', hexSizeMeters: 250 };
  const random = mulberry32(4);
  const mapQuery = (unit: UnitChoice, weights: NeedWeightsInput) => NeedMapQuery.parse({ unit, campaignId, selection: { kind: 'index', weights } });

  let session: ExploreSession | null = null;
  const first = timeOnce(() => {
    session = createExploreSession(input);
    return session.needMap(mapQuery(street, { housing: 1 }));
  });
  const s = session as unknown as ExploreSession;
  const firstHex = timeOnce(() => s.needMap(mapQuery(hex, { housing: 1 })));
  const layerHex = timeBest(() => s.layer(hex));
  const responses = input.responses.length;
  rows.push([`${name}: first need map by street (prepare ${responses.toLocaleString('en')} responses + aggregate)`, fmtMs(first.ms), '', '']);
  rows.push([`${name}: first map by 250 m hexagon (builds the hex layer)`, fmtMs(firstHex.ms), `layer to main thread ${fmtMs(layerHex.ms)}`, '']);

  for (const unit of [street, hex]) {
    const units = s.layer(unit).unitIds.length;
    const fast = timeBest(() => s.needMap(mapQuery(unit, randomWeights(random))), 20);
    // Naive: what a weight change costs without the per-unit cache — every response aggregated again.
    const ds = prepareDataset(input);
    const spec = unit.kind === 'hex' ? { kind: 'hex' as const, sizeMeters: 250 } : { kind: 'street' as const };
    const recompute = timeBest(() => {
      const agg = aggregateDataset(ds, spec, { campaignIds: [campaignId] });
      const index = compositeNeedIndex(agg, randomWeights(random));
      return quantileClassBreaks(index.ok ? index.index : new Float64Array(0));
    }, 5);
    const reprepare = timeOnce(() => createExploreSession(input).needMap(mapQuery(unit, randomWeights(random))));
    rows.push([
      `${name}: weight change, ${units.toLocaleString('en')} ${unit.kind} units (cached rates)`,
      fmtMs(fast.ms),
      `re-aggregate points ${fmtMs(recompute.ms)} / re-prepare ${fmtMs(reprepare.ms)}`,
      `${fmtRatio(recompute.ms / fast.ms)} / ${fmtRatio(reprepare.ms / fast.ms)}`,
    ]);
  }

  // Gi* + clusters for a new selection each time (the Gi* cache keyed by selection does not hit).
  const clusters = timeBest(() => s.clusters(ClusterQuery.parse({ campaignId, selection: { kind: 'index', weights: randomWeights(random) } })), 5);
  const found = clusters.result.ok ? `${clusters.result.value.clusters.length} clusters, ${clusters.result.value.dbscan.clusters.length} DBSCAN` : clusters.result.message;
  rows.push([`${name}: Gi* (kNN 8, FDR) + hot clusters + DBSCAN, new weights`, fmtMs(clusters.ms), found, '']);
  const coverage = timeOnce(() => s.coverage(CoverageQuery.parse({ unit: street, campaignId, needId: 'housing' })));
  const coverageAgain = timeBest(() => s.coverage(CoverageQuery.parse({ unit: street, campaignId, needId: 'health' })));
  rows.push([`${name}: street coverage along the network, 12 needs (first) / another need`, fmtMs(coverage.ms), fmtMs(coverageAgain.ms), fmtRatio(coverage.ms / coverageAgain.ms)]);
  rows.push([`${name}: resident memory after the steps`, `${rssMiB().toFixed(0)} MiB`, '', '']);
}

export async function main(): Promise<void> {
  printMachine(['zod', 'kdbush', 'typescript', 'tsx']);
  const rows: Row[] = [];
  try {
    const demo = demoWorkspace();
    benchTown('demo town', demo.input, demo.campaignId, rows);
  } catch (error) {
    // data/demo is committed: a demo town that cannot be read is a failure of the run, not a reason to skip quietly.
    const message = `explore: demo town not benched: ${error instanceof Error ? error.message : String(error)}`;
    console.log(`(${message})`);
    recordFailedCheck(message);
  }
  const synthetic = syntheticInput(100_000);
  benchTown('synthetic 100k', synthetic.input, synthetic.campaignId, rows);
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'step'.padEnd(width)}  ${'facade'.padStart(9)}  naive / detail  ratio`);
  for (const [step, ms, naive, ratio] of rows) console.log(`${step.padEnd(width)}  ${ms.padStart(9)}  ${naive}  ${ratio}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
  process.exitCode = reportFailedChecks();
}
