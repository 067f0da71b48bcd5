import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildAddressMatcher, normaliseHouseNumber, normaliseStreetName, parseAddressText, planImport } from '../src/data/import';
import { loadDemoWorkspace } from '../src/data/embedded/demoLoader';
import { streetLabel, type Workspace } from '../src/domain';
import { fmtMs, fmtRatio, printMachine, reportFailedChecks, rssMiB, timeBest, timeOnce } from './measure';
import { mulberry32 } from './syntheticTown';

/**
 * Import of 100,000 survey rows (issue 7, "under 5 s"): a `;`-separated Windows-1250-free UTF-8 CSV as Polish Excel
 * writes it, addresses in the mixed forms people type ("ul. Jana Pawła II 12A/3", "J. Pawła II 12 m. 3", lower case,
 * no diacritics, 3 % misspelt), matched against the demo town's addresses (data/demo). Reports the whole plan
 * (decode, papaparse, mapping, matching, zod validation) and the matching alone against the naive way: a linear scan
 * over every address that normalises names per comparison, run on a sample and extrapolated (it is O(rows · addresses)).
 */

const ROWS = 100_000;
const NAIVE_SAMPLE = 500;

async function demoWorkspace(): Promise<Workspace> {
  const { workspace } = await loadDemoWorkspace(async (name) => readFileSync(new URL(`../data/demo/${name}`, import.meta.url), 'utf8'));
  return workspace;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');
}

/** Address text as a volunteer types it: prefix or not, case, diacritics, flat, initials; some misspelt. */
function writtenAddress(random: () => number, label: string, name: string, houseNumber: string): string {
  const r = random();
  let street = r < 0.4 ? label : r < 0.6 ? name : r < 0.75 ? fold(name).toLowerCase() : r < 0.85 ? name.toUpperCase() : name.replace(/^(\p{Lu})\p{Ll}+ (?=\p{L})/u, '$1. ');
  if (random() < 0.03) street = street.slice(0, -2) + street.slice(-1) + street.slice(-2, -1); // swapped letters
  const flat = random() < 0.3 ? `/${1 + Math.floor(random() * 40)}` : random() < 0.1 ? ` m. ${1 + Math.floor(random() * 40)}` : '';
  return `${street} ${houseNumber.toLowerCase()}${flat}`;
}

function syntheticSurveyCsv(ws: Workspace, rows: number): string {
  const random = mulberry32(2025);
  const streetById = new Map(ws.streets.map((s) => [s.id, s]));
  const lines = ['Adres;Data wywiadu;Liczba osób;Bezrobocie;Samotność;Zdrowie;Uciążliwości;Zasoby;Lider'];
  for (let i = 0; i < rows; i++) {
    const a = ws.addresses[Math.floor(random() * ws.addresses.length)]!;
    const s = streetById.get(a.streetId)!;
    const day = 1 + Math.floor(random() * 28);
    const sev = () => (random() < 0.7 ? '0' : String(1 + Math.floor(random() * 3)));
    lines.push(`${writtenAddress(random, streetLabel(s), s.name, a.houseNumber)};${day}.05.2025;${1 + Math.floor(random() * 6)};${sev()};${sev()};${sev()};${random() < 0.5 ? 'hałas, śmieci' : ''};${random() < 0.2 ? 'wolontariat' : ''};${random() < 0.05 ? 'tak' : 'nie'}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The naive matcher: for each row, scan every address, normalising its street name and number at every comparison. */
function naiveMatch(ws: Workspace, texts: readonly string[]): number {
  const streetById = new Map(ws.streets.map((s) => [s.id, s]));
  let matched = 0;
  for (const text of texts) {
    const parsed = parseAddressText(text);
    const key = normaliseStreetName(parsed.street);
    const number = normaliseHouseNumber(parsed.houseNumber ?? '');
    for (const a of ws.addresses) {
      if (normaliseStreetName(streetById.get(a.streetId)!.name) === key && normaliseHouseNumber(a.houseNumber) === number) {
        matched++;
        break;
      }
    }
  }
  return matched;
}

export async function main(): Promise<void> {
  printMachine(['papaparse', 'proj4', 'zod', 'typescript', 'tsx']);
  const ws = await demoWorkspace();
  const csv = syntheticSurveyCsv(ws, ROWS);
  const bytes = new TextEncoder().encode(csv);
  const campaignId = ws.campaigns[0]!.id;
  console.log(`demo town: ${ws.streets.length} streets, ${ws.addresses.length.toLocaleString('en')} addresses; CSV: ${ROWS.toLocaleString('en')} rows, ${(bytes.length / 2 ** 20).toFixed(1)} MiB`);

  // Whole plan, timed once cold and then best of 3; peak memory sampled at every progress callback.
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed / 2 ** 20;
  let peakHeap = heapBefore;
  let peakRss = rssMiB();
  let progressCalls = 0;
  const onProgress = () => {
    progressCalls++;
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed / 2 ** 20);
    peakRss = Math.max(peakRss, m.rss / 2 ** 20);
  };
  const cold = performance.now();
  const plan = await planImport('responses', bytes, { campaignId, idPrefix: 'bench', onUnmatched: 'skip' }, ws, { fileName: 'ankiety.csv', onProgress });
  const coldMs = performance.now() - cold;
  let bestMs = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    await planImport('responses', bytes, { campaignId, idPrefix: 'bench', onUnmatched: 'skip' }, ws, { fileName: 'ankiety.csv' });
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  const report = plan.matchReport!;
  console.log(`planImport (decode + papaparse + mapping + matching + zod), ${ROWS.toLocaleString('en')} rows: cold ${fmtMs(coldMs)}, best ${fmtMs(bestMs)} (target < 5 s) ` +
    `→ ${plan.records.responses.length.toLocaleString('en')} responses, ${plan.errorCount} errors, ${plan.warningCount} warnings; progress callbacks ${progressCalls}`);
  console.log(`match rate ${(report.rate * 100).toFixed(1)} % to the address, ${(report.streetRate * 100).toFixed(1)} % at least to the street; ${report.matchedByVariant.toLocaleString('en')} via looser street forms`);
  console.log(`memory: heap ${heapBefore.toFixed(0)} → peak ${peakHeap.toFixed(0)} MiB (+${(peakHeap - heapBefore).toFixed(0)}), peak RSS ${peakRss.toFixed(0)} MiB${global.gc ? '' : ' (run node --expose-gc for a cleaner baseline)'}`);

  // Matching alone: the indexed matcher vs the naive scan on the same texts.
  const texts = csv.split('\r\n').slice(1, ROWS + 1).map((line) => line.slice(0, line.indexOf(';')));
  const build = timeBest(() => buildAddressMatcher(ws.streets, ws.addresses));
  const indexed = timeBest(() => {
    const matcher = buildAddressMatcher(ws.streets, ws.addresses);
    let n = 0;
    for (const t of texts) if (matcher.matchText(t).status === 'address') n++;
    return n;
  });
  const sample = texts.slice(0, NAIVE_SAMPLE);
  const naive = timeOnce(() => naiveMatch(ws, sample));
  const indexedOnSample = (() => {
    const matcher = buildAddressMatcher(ws.streets, ws.addresses);
    return sample.filter((t) => matcher.matchText(t).status === 'address').length;
  })();
  const naiveExtrapolated = (naive.ms * ROWS) / NAIVE_SAMPLE;
  console.log(`matching ${ROWS.toLocaleString('en')} texts: indexed ${fmtMs(indexed.ms)} (index build ${fmtMs(build.ms)}, ${indexed.result.toLocaleString('en')} to an address); ` +
    `naive linear scan ${fmtMs(naive.ms)} on ${NAIVE_SAMPLE} rows → ~${fmtMs(naiveExtrapolated)} extrapolated; ratio ${fmtRatio(naiveExtrapolated / indexed.ms)}`);
  console.log(`same answers on the sample: naive ${naive.result}, indexed ${indexedOnSample} (indexed also finds initials, shortened names and misspelt-free variants the naive key misses)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
  process.exitCode = reportFailedChecks();
}
