/**
 * The demo town Dębowo (fictional): `npm run generate:demo [-- --seed N] [-- --out DIR]` writes one JSON
 * file per collection to data/demo/. Deterministic: the same seed gives the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COLLECTION_NAMES, type Organisation } from '../src/domain';
import { placeAddresses } from './town/addresses';
import { buildAreas } from './town/areas';
import { buildEvents, buildGroups, buildProgrammes } from './town/community';
import { buildManifest, type DemoManifest } from './town/manifest';
import { VOLUNTEER_STREET } from './town/offers';
import { Rng } from './town/prng';
import { buildResources } from './town/resources';
import { buildStreets } from './town/streets';
import { buildCampaigns, buildResponses } from './town/survey';
import { writeCityWorkspaceFile } from './town/city';
import { townProblems, type TownCollections } from './town/validate';

export const DEFAULT_SEED = 20250407;
export const DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), 'demo');

export type DemoTown = TownCollections & { manifest: DemoManifest };

/** The organisation: a fictional MOPS; gminaTeryt 1220011 follows the TERYT format (Małopolska has no powiat 20). */
export const ORGANISATION: Organisation = {
  id: 'mops-debowo',
  name: 'Miejski Ośrodek Pomocy Społecznej w Dębowie',
  kind: 'MOPS',
  gminaTeryt: '1220011',
  town: 'Dębowo',
};

/**
 * Generates the whole demo town from `seed`, validated against src/domain (throws listing the problems
 * if a record does not parse or a reference dangles). Pure: no disk, no clock, no Math.random.
 * @example generateDemoTown(DEFAULT_SEED).streets.length // ≈ 250
 */
export function generateDemoTown(seed: number = DEFAULT_SEED): DemoTown {
  const rng = new Rng(seed);
  const network = buildStreets(rng.fork('streets'));
  const addressPlans = placeAddresses(network, rng.fork('addresses'));
  const areas = buildAreas();
  const resourcePlans = buildResources(addressPlans, network, rng.fork('resources'));
  const plantedStreetId = network.records.find((s) => s.name === 'Obieżowa')!.id;
  const volunteerStreetId = network.records.find((s) => s.name === VOLUNTEER_STREET.name)!.id;
  const town: TownCollections = {
    organisation: ORGANISATION,
    areas,
    streets: network.records,
    addresses: addressPlans.map((a) => a.record),
    campaigns: buildCampaigns(addressPlans),
    responses: buildResponses(addressPlans, plantedStreetId, volunteerStreetId, rng.fork('responses')),
    resources: resourcePlans.map((r) => r.record),
    groups: buildGroups(resourcePlans),
    programmes: buildProgrammes(areas),
    events: buildEvents(resourcePlans, addressPlans),
  };
  const problems = townProblems(town);
  if (problems.length) throw new Error(`demo town (seed ${seed}) is invalid:\n  ${problems.join('\n  ')}`);
  return { ...town, manifest: buildManifest(town, addressPlans, resourcePlans, seed) };
}

/** File name → content: one record a line for arrays (diff-friendly), indented JSON for the rest. */
export function demoFiles(town: DemoTown): Record<string, string> {
  const files: Record<string, string> = { 'organisation.json': `${JSON.stringify(town.organisation, null, 2)}\n` };
  for (const name of COLLECTION_NAMES) {
    const records = town[name] as unknown[];
    files[`${name}.json`] = records.length ? `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n` : '[]\n';
  }
  // Positions stay on one line: [19.3, 50.15] rather than four.
  files['manifest.json'] = `${JSON.stringify(town.manifest, null, 2).replace(/\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]/g, '[$1, $2]')}\n`;
  return files;
}

function main(argv: string[]): void {
  const arg = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seedText = arg('--seed') ?? argv.find((a) => /^\d+$/.test(a));
  const seed = seedText === undefined ? DEFAULT_SEED : Number(seedText);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`seed must be a non-negative integer, got ${seedText}`);
  const city = arg('--city');
  if (city !== undefined) return void writeCity(city, seed, arg('--rate-scale'), arg('--out'));
  const out = resolve(arg('--out') ?? DEMO_DIR);
  const started = performance.now();
  const town = generateDemoTown(seed);
  mkdirSync(out, { recursive: true });
  let bytes = 0;
  for (const [file, content] of Object.entries(demoFiles(town))) {
    writeFileSync(join(out, file), content);
    bytes += Buffer.byteLength(content);
  }
  const count = (name: keyof TownCollections) => (Array.isArray(town[name]) ? (town[name] as unknown[]).length : 1);
  console.log(
    `Dębowo (seed ${seed}) → ${out}: ${COLLECTION_NAMES.map((n) => `${count(n)} ${n}`).join(', ')}; ` +
      `${(bytes / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`,
  );
}

/**
 * `npm run generate:demo -- --city 7x2 [--rate-scale 1.23] --out DIR`: a city of 7 × 2 demo-sized districts as one
 * workspace file in DIR (data/town/city.ts), for the city benchmark. Never into data/demo (refused).
 */
function writeCity(grid: string, seed: number, rateScale: string | undefined, out: string | undefined): void {
  const match = /^(\d+)x(\d+)$/.exec(grid);
  if (!match) throw new Error(`--city takes COLSxROWS such as 7x2, got ${grid}`);
  if (out === undefined) throw new Error('--city needs --out DIR (a folder of its own, never data/demo)');
  const started = performance.now();
  const options = { seed, cols: Number(match[1]), rows: Number(match[2]), responseRateScale: rateScale === undefined ? 1 : Number(rateScale) };
  const { file, bytes, town } = writeCityWorkspaceFile(options, resolve(out), DEMO_DIR);
  const households = town.addresses.reduce((sum, a) => sum + (a.households ?? 0), 0);
  console.log(
    `${town.organisation.town} (${grid}, seed ${seed}) → ${file}: ${town.streets.length} streets, ${town.addresses.length} addresses, ${households} households, ` +
      `${town.responses.length} responses, ${town.areas.length} areas; ${(bytes / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
