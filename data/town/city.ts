import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Address, Area, Organisation, Street, SurveyCampaign, SurveyResponse } from '../../src/domain';
import { exportWorkspaceFile } from '../../src/data/import/workspaceFile';
import { METERS_PER_DEG_LAT, METERS_PER_DEG_LNG, round6 } from './frame';
import { placeAddresses } from './addresses';
import { buildAreas } from './areas';
import { Rng } from './prng';
import { buildStreets } from './streets';
import { buildCampaigns, buildResponses } from './survey';
import { VOLUNTEER_STREET } from './offers';
import { townProblems, type TownCollections } from './validate';
import { PLANTED_STREET, TOWN_HALF_METERS } from './layout';

/**
 * A city-sized town for benchmarks (issue 16 item 2): the demo town's generator run once per district of a
 * cols × rows grid, each with a seed of its own (so every district has its own addresses, households and answers),
 * side by side 6.4 km apart. Streets, addresses, estates, districts and care regions keep the demo's rules; ids get
 * the district's prefix (`d3-…`) and names its Roman number ("Krakowska III"), so no two districts share a street.
 * `responseRateScale` raises every estate's response rate (capped at 95 %): the demo answers about 0.7 times per
 * address, a city survey of 100,000 answers at 100,000 addresses about 1.
 *
 * Only what the need map reads is made: streets, addresses, areas, both survey waves and their answers (no
 * resources, groups, programmes or events). Pure; the same options give the same records.
 * @example generateCityTown({ cols: 4, rows: 3 }) // ≈ 97,000 addresses, 257,000 households, 70,000 answers
 */
export interface CityOptions {
  seed?: number;
  cols: number;
  rows: number;
  responseRateScale?: number;
}

export const CITY_ORGANISATION: Organisation = {
  id: 'mopr-debogrod',
  name: 'Miejski Ośrodek Pomocy Rodzinie w Dębogrodzie',
  kind: 'MOPR',
  gminaTeryt: '1261011',
  town: 'Dębogród',
};

/** Districts sit 6.4 km apart (the demo town is 6 km across), so their edges never overlap. */
const PITCH_METERS = 2 * TOWN_HALF_METERS + 400;

const ROMAN: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
export function roman(n: number): string {
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

type Coordinates = number | Coordinates[];
function shifted<T extends Coordinates>(coordinates: T, dLng: number, dLat: number): T {
  if (typeof coordinates === 'number') return coordinates;
  if (typeof coordinates[0] === 'number') return [round6((coordinates[0] as number) + dLng), round6((coordinates[1] as number) + dLat)] as T;
  return coordinates.map((c) => shifted(c, dLng, dLat)) as T;
}
const moved = <G extends { coordinates: Coordinates }>(geometry: G, dLng: number, dLat: number): G => ({ ...geometry, coordinates: shifted(geometry.coordinates, dLng, dLat) });

/**
 * A street moved like the rest, except that a line the 6-digit rounding would collapse to one point (a stub shorter
 * than 0.1 m: PostGIS and the domain schema refuse a line of one point) is left out of a MultiLineString.
 */
function movedStreet(geometry: Street['geometry'], dLng: number, dLat: number): Street['geometry'] {
  const next = moved(geometry, dLng, dLat);
  if (next.type !== 'MultiLineString') return next;
  const kept = next.coordinates.filter((line) => line.some((p) => p[0] !== line[0]![0] || p[1] !== line[0]![1]));
  return kept.length === next.coordinates.length || kept.length === 0 ? next : { ...next, coordinates: kept };
}

export function generateCityTown(options: CityOptions): TownCollections {
  const { cols, rows } = options;
  const seed = options.seed ?? 20250407;
  const scale = options.responseRateScale ?? 1;
  if (!(Number.isInteger(cols) && Number.isInteger(rows) && cols >= 1 && rows >= 1 && cols * rows <= 100)) throw new RangeError(`city grid must be 1–100 districts, got ${cols} × ${rows}`);
  if (!(scale > 0 && scale <= 10)) throw new RangeError(`responseRateScale must be in (0, 10], got ${scale}`);
  const areas: Area[] = [];
  const streets: Street[] = [];
  const addresses: Address[] = [];
  const responses: SurveyResponse[] = [];
  let campaigns: SurveyCampaign[] = [];
  for (let k = 0; k < cols * rows; k++) {
    const rng = new Rng(seed).fork(`city-district-${k}`);
    const network = buildStreets(rng.fork('streets'));
    const plans = placeAddresses(network, rng.fork('addresses'));
    const plantedStreetId = network.records.find((s) => s.name === PLANTED_STREET.name)!.id;
    const volunteerStreetId = network.records.find((s) => s.name === VOLUNTEER_STREET.name)!.id;
    const dLng = ((k % cols) * PITCH_METERS) / METERS_PER_DEG_LNG;
    const dLat = (Math.floor(k / cols) * PITCH_METERS) / METERS_PER_DEG_LAT;
    const id = (original: string) => `d${k + 1}-${original}`;
    const name = (original: string) => `${original} ${roman(k + 1)}`;
    for (const a of buildAreas()) areas.push({ ...a, id: id(a.id), name: name(a.name), ...(a.parentId ? { parentId: id(a.parentId) } : {}), geometry: moved(a.geometry, dLng, dLat) });
    for (const s of network.records) streets.push({ ...s, id: id(s.id), name: name(s.name), geometry: movedStreet(s.geometry, dLng, dLat) });
    for (const { record } of plans) addresses.push({ ...record, id: id(record.id), streetId: id(record.streetId), location: moved(record.location, dLng, dLat) });
    for (const r of buildResponses(plans, plantedStreetId, volunteerStreetId, rng.fork('responses'), scale)) {
      responses.push({
        ...r,
        id: id(r.id),
        ...(r.addressId ? { addressId: id(r.addressId) } : {}),
        ...(r.streetId ? { streetId: id(r.streetId) } : {}),
        ...(r.location ? { location: moved(r.location, dLng, dLat) } : {}),
      });
    }
    // The same two waves over the whole city: every district's estates, every household.
    const districtCampaigns = buildCampaigns(plans);
    campaigns =
      k === 0
        ? districtCampaigns.map((c) => ({ ...c, areaIds: c.areaIds.map(id) }))
        : campaigns.map((c, i) => ({ ...c, areaIds: [...c.areaIds, ...districtCampaigns[i]!.areaIds.map(id)], householdsTargeted: c.householdsTargeted + districtCampaigns[i]!.householdsTargeted }));
  }
  const town: TownCollections = { organisation: CITY_ORGANISATION, areas, streets, addresses, campaigns, responses, resources: [], groups: [], programmes: [], events: [] };
  const problems = townProblems(town);
  if (problems.length) throw new Error(`city town (${cols} × ${rows}, seed ${seed}) is invalid:\n  ${problems.slice(0, 20).join('\n  ')}`);
  return town;
}

/** The sizes the city benchmark uses: 14 districts (7 × 2), ≈ 113,000 addresses, 309,000 households, 100,000 answers. */
export const CITY_BENCH_OPTIONS: CityOptions = { cols: 7, rows: 2, responseRateScale: 1.23 };

/**
 * The city as one CAL Map workspace file (`cal-map-workspace` v1, what "Wczytaj obszar roboczy" reads), written to
 * `outDir/<town>.json`. Refuses the demo folder: the committed demo town is never overwritten by a benchmark town.
 * `exportedAt` is fixed, so the same options give the same bytes.
 */
export function writeCityWorkspaceFile(options: CityOptions, outDir: string, demoDir: string): { file: string; bytes: number; town: TownCollections } {
  if (resolve(outDir) === resolve(demoDir)) throw new Error(`the city town is not written into ${demoDir}: pass --out with a folder of its own (e.g. a temporary one)`);
  const town = generateCityTown(options);
  const text = exportWorkspaceFile({ v: 1, ...town }, new Date('2026-01-01T00:00:00.000Z'));
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `cal-map-${town.organisation.town}.json`);
  writeFileSync(file, text);
  return { file, bytes: Buffer.byteLength(text), town };
}
