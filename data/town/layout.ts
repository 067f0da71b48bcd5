import type { XY } from './frame';
import type { StreetTheme } from './names';
import type { Rect } from './planar';

/**
 * The plan of Dębowo in the local metric frame (metres from the main crossroads, x east, y north).
 * Two main roads cross at the origin and split the town into four districts; four more arterials cut each
 * district into quarters, and the estates sit inside those quarters, clear of the roads.
 */

/** Half the town's width: the town spans [-3000, 3000] m both ways, its corners cut off. */
export const TOWN_HALF_METERS = 3000;
const CORNER_CUT_METERS = 600;
const H = TOWN_HALF_METERS;
const C = H - CORNER_CUT_METERS;

/** A gentle bow that leaves the inner 800 m straight (the old town's frontage) and ends on the town edge. */
function bow(s: number, westOrSouthAmp: number, eastOrNorthAmp: number): number {
  const a = Math.abs(s);
  if (a <= 800) return 0;
  return (s < 0 ? westOrSouthAmp : eastOrNorthAmp) * Math.sin((Math.PI * (a - 800)) / (H - 800));
}

const steps = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(v);
  return out;
};

/** al. Wolności, west → east through the origin. */
export const WOLNOSCI: XY[] = steps(-H, H, 100).map((x) => [x, bow(x, 35, -28)]);
/** ul. Jana Pawła II, south → north through the origin. */
export const JANA_PAWLA: XY[] = steps(-H, H, 100).map((y) => [bow(y, -40, 30), y]);

export interface ArterialPlan {
  prefix: 'ul.' | 'al.';
  name: string;
  points: XY[];
}

export const ARTERIALS: ArterialPlan[] = [
  { prefix: 'al.', name: 'Wolności', points: WOLNOSCI },
  { prefix: 'ul.', name: 'Jana Pawła II', points: JANA_PAWLA },
  { prefix: 'ul.', name: 'Krakowska', points: steps(-H, H, 100).map((y) => [-1500, y]) },
  { prefix: 'ul.', name: 'Katowicka', points: steps(-H, H, 100).map((y) => [1500, y]) },
  { prefix: 'ul.', name: 'Oświęcimska', points: steps(-H, H, 100).map((x) => [x, -1500]) },
  { prefix: 'ul.', name: 'Kolejowa', points: steps(-H, H, 100).map((x) => [x, 1500]) },
];

export type DistrictId = 'district-srodmiescie' | 'district-dabrowka' | 'district-gorniki' | 'district-zakole';

export interface DistrictPlan {
  id: DistrictId;
  name: string;
  ring: XY[];
}

const half = <T>(line: T[], fromOrigin: 'before' | 'after'): T[] => {
  const mid = (line.length - 1) / 2;
  return fromOrigin === 'before' ? line.slice(0, mid + 1) : line.slice(mid);
};
const rev = <T>(xs: T[]): T[] => xs.slice().reverse();

/** Each district: the two main-road halves from the origin and the town edge between their ends. */
export const DISTRICTS: DistrictPlan[] = [
  { id: 'district-srodmiescie', name: 'Śródmieście', ring: [...half(WOLNOSCI, 'after'), [H, C], [C, H], ...rev(half(JANA_PAWLA, 'after'))] },
  { id: 'district-dabrowka', name: 'Dąbrówka', ring: [...half(WOLNOSCI, 'before'), ...half(JANA_PAWLA, 'after'), [-C, H], [-H, C]] },
  { id: 'district-gorniki', name: 'Górniki', ring: [...half(JANA_PAWLA, 'before'), ...rev(half(WOLNOSCI, 'before')), [-H, -C], [-C, -H]] },
  { id: 'district-zakole', name: 'Zakole', ring: [...rev(half(JANA_PAWLA, 'before')), [C, -H], [H, -C], ...rev(half(WOLNOSCI, 'after'))] },
];

/** The town edge (an octagon), for clipping care regions. */
export const TOWN_RING: XY[] = [[-H, -C], [-C, -H], [C, -H], [H, -C], [H, C], [C, H], [-C, H], [-H, C]];

export type Housing = 'houses' | 'blocks' | 'tenements';

export interface EstatePlan {
  id: string;
  name: string;
  district: DistrictId;
  rect: Rect;
  housing: Housing;
  theme: StreetTheme;
  /** Street spacing [x, y] in metres. */
  gridMeters: [number, number];
  /** Rows follow a sine instead of straight lines (garden-city layout). */
  curved?: boolean;
}

export const ESTATES: EstatePlan[] = [
  // Śródmieście (north-east)
  { id: 'estate-stare-miasto', name: 'Stare Miasto', district: 'district-srodmiescie', rect: { x0: 5, y0: 5, x1: 620, y1: 560 }, housing: 'tenements', theme: 'oldTown', gridMeters: [105, 100] },
  { id: 'estate-zamkowe', name: 'Osiedle Zamkowe', district: 'district-srodmiescie', rect: { x0: 160, y0: 760, x1: 760, y1: 1300 }, housing: 'blocks', theme: 'kings', gridMeters: [270, 240] },
  { id: 'estate-kolejowe', name: 'Osiedle Kolejowe', district: 'district-srodmiescie', rect: { x0: 120, y0: 1610, x1: 1390, y1: 2350 }, housing: 'houses', theme: 'railway', gridMeters: [160, 125] },
  { id: 'estate-polne', name: 'Osiedle Polne', district: 'district-srodmiescie', rect: { x0: 1610, y0: 120, x1: 2700, y1: 1100 }, housing: 'houses', theme: 'fields', gridMeters: [160, 125] },
  // Dąbrówka (north-west)
  { id: 'estate-dabrowka', name: 'Osiedle Dąbrówka', district: 'district-dabrowka', rect: { x0: -1390, y0: 120, x1: -120, y1: 1000 }, housing: 'houses', theme: 'writers', gridMeters: [160, 125], curved: true },
  { id: 'estate-kwiatowe', name: 'Osiedle Kwiatowe', district: 'district-dabrowka', rect: { x0: -2800, y0: 120, x1: -1610, y1: 1000 }, housing: 'houses', theme: 'flowers', gridMeters: [160, 125], curved: true },
  { id: 'estate-ptasie', name: 'Osiedle Ptasie', district: 'district-dabrowka', rect: { x0: -1390, y0: 1610, x1: -120, y1: 2400 }, housing: 'houses', theme: 'birds', gridMeters: [160, 125] },
  // Górniki (south-west)
  { id: 'estate-gornicze', name: 'Osiedle Górnicze', district: 'district-gorniki', rect: { x0: -1150, y0: -1200, x1: -230, y1: -260 }, housing: 'blocks', theme: 'mining', gridMeters: [290, 290] },
  { id: 'estate-hutnik', name: 'Osiedle Hutnik', district: 'district-gorniki', rect: { x0: -2400, y0: -950, x1: -1800, y1: -350 }, housing: 'blocks', theme: 'notables', gridMeters: [280, 270] },
  { id: 'estate-szybowe', name: 'Osiedle Szybowe', district: 'district-gorniki', rect: { x0: -1390, y0: -2500, x1: -120, y1: -1610 }, housing: 'houses', theme: 'mining', gridMeters: [160, 125] },
  { id: 'estate-wisniowe', name: 'Osiedle Wiśniowe', district: 'district-gorniki', rect: { x0: -2700, y0: -2300, x1: -1610, y1: -1610 }, housing: 'houses', theme: 'orchard', gridMeters: [160, 125], curved: true },
  // Zakole (south-east)
  { id: 'estate-tysiaclecia', name: 'Osiedle Tysiąclecia', district: 'district-zakole', rect: { x0: 150, y0: -1250, x1: 760, y1: -260 }, housing: 'blocks', theme: 'patriotic', gridMeters: [280, 300] },
  { id: 'estate-sloneczne', name: 'Osiedle Słoneczne', district: 'district-zakole', rect: { x0: 920, y0: -1300, x1: 1380, y1: -640 }, housing: 'blocks', theme: 'sun', gridMeters: [210, 300] },
  { id: 'estate-nadrzeczne', name: 'Osiedle Nadrzeczne', district: 'district-zakole', rect: { x0: 1610, y0: -1300, x1: 2800, y1: -120 }, housing: 'houses', theme: 'water', gridMeters: [160, 125], curved: true },
  { id: 'estate-lesne', name: 'Osiedle Leśne', district: 'district-zakole', rect: { x0: 120, y0: -2450, x1: 1390, y1: -1610 }, housing: 'houses', theme: 'trees', gridMeters: [160, 125] },
];

/** The small street whose survey planted a ~70 % response rate (after ul. Obieżowa in Libiąż, 2008). */
export const PLANTED_STREET = { name: 'Obieżowa', estateId: 'estate-kolejowe', households: 85 } as const;
