import type { Address } from '../../src/domain/address';
import type { Area } from '../../src/domain/area';
import type { Street } from '../../src/domain/street';
import type { SurveyCampaign, SurveyResponse } from '../../src/domain/survey';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { deepFreeze } from './seededRandom';

/**
 * A hand-checkable town, laid out in metres around the origin [19, 50] (x east, y north):
 *
 *   ul. Krótka (s4)  y = 1000, x 0…200
 *   ul. Polna  (s3)  x = 0, y 0…300
 *   ul. Lipowa (s1)  y = 0, x 0…200   +  "lipowa " (s2) y = 0, x 200…400  → one street, unit id s1
 *   estates E1 = [−50, 250] × [−50, 250], E2 = [250, 500] × [−50, 250]; district D1 = [−100, 600] × [−100, 1100]
 *   addresses A1 (300, 15) s2 10 hh · A2 (10, 150) s3 4 hh · A3 (100, −20) unknown street 6 hh · A4 (5000, 5000) unknown street 3 hh
 */
export const ORIGIN: [number, number] = [19, 50];
const p = createLocalProjection(...ORIGIN);
const at = (x: number, y: number): [number, number] => p.inverse(x, y);
const line = (...xy: [number, number][]) => xy.map(([x, y]) => at(x, y));
const square = (x0: number, y0: number, x1: number, y1: number) => [line([x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0])];
const point = (x: number, y: number) => ({ type: 'Point' as const, coordinates: at(x, y) });

export const streets: Street[] = [
  { id: 's1', prefix: 'ul.', name: 'Lipowa', geometry: { type: 'MultiLineString', coordinates: [line([0, 0], [100, 0], [200, 0])] } },
  { id: 's2', prefix: 'ul.', name: 'lipowa ', geometry: { type: 'MultiLineString', coordinates: [line([200, 0], [400, 0])] } },
  { id: 's3', prefix: 'ul.', name: 'Polna', geometry: { type: 'MultiLineString', coordinates: [line([0, 0], [0, 300])] } },
  { id: 's4', prefix: 'ul.', name: 'Krótka', geometry: { type: 'MultiLineString', coordinates: [line([0, 1000], [200, 1000])] } },
];

export const addresses: Address[] = [
  { id: 'A1', streetId: 's2', houseNumber: '1', location: point(300, 15), households: 10 },
  { id: 'A2', streetId: 's3', houseNumber: '2', location: point(10, 150), households: 4 },
  { id: 'A3', streetId: 'ghost', houseNumber: '3', location: point(100, -20), households: 6 },
  { id: 'A4', streetId: 'ghost', houseNumber: '4', location: point(5000, 5000), households: 3 },
];

export const areas: Area[] = [
  { id: 'E2', name: 'Osiedle Wschód', kind: 'estate', parentId: 'D1', geometry: { type: 'Polygon', coordinates: square(250, -50, 500, 250) } },
  { id: 'E1', name: 'Osiedle Zachód', kind: 'estate', parentId: 'D1', geometry: { type: 'Polygon', coordinates: square(-50, -50, 250, 250) } },
  { id: 'D1', name: 'Śródmieście', kind: 'district', geometry: { type: 'Polygon', coordinates: square(-100, -100, 600, 1100) } },
];

export const campaigns: SurveyCampaign[] = [
  { id: 'w1', name: 'Fala 1', areaIds: ['D1'], startDate: '2024-03-01', endDate: '2024-04-30', householdsTargeted: 20, method: 'door_to_door', wave: 1 },
  { id: 'w2', name: 'Fala 2', areaIds: ['D1'], startDate: '2025-03-01', endDate: '2025-04-30', householdsTargeted: 20, method: 'door_to_door', wave: 2 },
];

const base = { date: '2024-03-10', householdSize: 2, nuisances: [], offers: [] };
export const responses: SurveyResponse[] = [
  { ...base, id: 'r1', campaignId: 'w1', addressId: 'A1', needs: [{ category: 'housing', severity: 3 }, { category: 'health', severity: 1 }] },
  { ...base, id: 'r2', campaignId: 'w1', addressId: 'A2', needs: [{ category: 'housing', severity: 1 }] },
  { ...base, id: 'r3', campaignId: 'w1', streetId: 's4', needs: [] },
  { ...base, id: 'r4', campaignId: 'w1', location: point(150, 40), needs: [{ category: 'unemployment', severity: 2 }] }, // 40 m from Lipowa
  { ...base, id: 'r5', campaignId: 'w1', location: point(150, 100), needs: [] }, // 100 m from Lipowa, 150 m from Polna
  { ...base, id: 'r6', campaignId: 'w1', addressId: 'nope', needs: [] },
  { ...base, id: 'r7', campaignId: 'w1', streetId: 'nope2', needs: [] },
  { ...base, id: 'r8', campaignId: 'w1', addressId: 'A3', needs: [{ category: 'housing', severity: 2 }] }, // A3 snaps to Lipowa (20 m)
  { ...base, id: 'r9', campaignId: 'w1', location: { type: 'Point', coordinates: [NaN, 50] }, needs: [] },
  { ...base, id: 'r10', campaignId: 'w1', needs: [] } as SurveyResponse, // nothing to locate it (the schema would reject it)
  { ...base, id: 'r11', campaignId: 'w2', addressId: 'A1', needs: [{ category: 'housing', severity: 1 }] },
  { ...base, id: 'r12', campaignId: 'w2', addressId: 'A1', needs: [] },
];

/** The fixture, deep-frozen: analysis must not modify what it is given. */
export function fixtureTown() {
  return deepFreeze({ streets, addresses, areas, campaigns, responses });
}
