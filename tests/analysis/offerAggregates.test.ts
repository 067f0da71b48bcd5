import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../../src/analysis/dataset';
import { compositeNeedIndex, EQUAL_OFFER_WEIGHTS } from '../../src/analysis/needIndex';
import { aggregateDataset, aggregateOffers } from '../../src/analysis/needQueries';
import { unitLayer, type UnitSpec } from '../../src/analysis/unitLayers';
import { wilsonInterval } from '../../src/analysis/wilson';
import { NEED_CATEGORY_IDS, OFFER_IDS, type OfferId } from '../../src/domain/needs';
import type { SurveyResponse } from '../../src/domain/survey';
import { addresses, areas, campaigns, ORIGIN, streets } from './fixtureTown';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { deepFreeze, seededRandom } from './seededRandom';

/**
 * Offers are aggregated by the same code as needs (aggregate.ts over another answer list): per unit, the number and
 * share of households offering each kind of help, Wilson intervals and suppression at k.
 */

const projection = createLocalProjection(...ORIGIN);
const SPECS: UnitSpec[] = [{ kind: 'street' }, { kind: 'area', areaKind: 'estate' }, { kind: 'area', areaKind: 'district' }, { kind: 'hex', sizeMeters: 100 }];

/** Random households along the fixture's streets (some off every street), with random needs and offers. */
function randomResponses(seed: number, count: number): SurveyResponse[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => random() < p);
  return Array.from({ length: count }, (_, i) => {
    const x = random() * 450 - 25;
    const y = random() < 0.8 ? random() * 40 - 20 : random() * 1100;
    return {
      id: `r${i}`,
      campaignId: random() < 0.8 ? 'w1' : 'w2',
      location: { type: 'Point' as const, coordinates: projection.inverse(x, y) },
      date: '2024-03-10',
      householdSize: 2,
      needs: pick(NEED_CATEGORY_IDS, 0.2).map((category) => ({ category, severity: 1 as const })),
      nuisances: [],
      offers: pick(OFFER_IDS, 0.15 + 0.3 * random()),
    };
  });
}

describe('aggregateOffers', () => {
  it('counts by hand on a tiny town: 2 of 5 households on ul. Lipowa offer senior care', () => {
    const at = (x: number) => ({ type: 'Point' as const, coordinates: projection.inverse(x, 5) });
    const offers: OfferId[][] = [['senior_care', 'cooking'], ['senior_care'], [], ['cooking'], []];
    const responses = offers.map((o, i) => ({ id: `h${i}`, campaignId: 'w1', location: at(50 + 60 * i), date: '2024-03-10', householdSize: 1, needs: [], nuisances: [], offers: o }));
    const ds = prepareDataset(deepFreeze({ streets, addresses, areas, campaigns, responses }), { origin: ORIGIN });
    const agg = aggregateOffers(ds, { kind: 'street' }, { campaignIds: ['w1'] });
    const u = agg.unitIds.indexOf('s1');
    const j = agg.needIds.indexOf('senior_care');
    expect(agg.needIds).toEqual(OFFER_IDS);
    expect(agg.responses[u]).toBe(5);
    expect(agg.needCounts[u * 12 + j]).toBe(2);
    expect(agg.needRates[u * 12 + j]).toBe(0.4);
    // Wilson 95 % for 2 of 5: centre (2 + 1.92)/(5 + 3.84) = 0.4434, half-width 1.96·√(0.24·5 + 0.96)/8.84 = 0.3259
    expect(agg.needLower[u * 12 + j]).toBeCloseTo(0.1176, 3);
    expect(agg.needUpper[u * 12 + j]).toBeCloseTo(0.7693, 3);
    expect(agg.needLower[u * 12 + j]).toBe(wilsonInterval(2, 5).lower);
    // Potential index with equal weights: (2 senior care + 2 cooking) / 5 answers / 12 offers
    const potential = compositeNeedIndex(agg, EQUAL_OFFER_WEIGHTS);
    expect(potential.ok && potential.index[u]).toBeCloseTo(4 / 5 / 12, 12);
    // The planner's weights (issue 14): senior care 3, tutoring 1 (no one offers it), the rest 0:
    // (3 · 2/5 + 1 · 0/5) / (3 + 1) = 0.3; senior care 1, cooking 1: (0.4 + 0.4) / 2 = 0.4; an offer at 0 changes nothing.
    const weighted = compositeNeedIndex(agg, { senior_care: 3, tutoring: 1 });
    expect(weighted.ok && weighted.index[u]).toBeCloseTo(0.3, 12);
    expect(weighted.ok && Array.from(weighted.normalisedWeights).filter((w) => w > 0)).toEqual([0.75, 0.25]);
    const pair = compositeNeedIndex(agg, { senior_care: 1, cooking: 1, repairs: 0 });
    expect(pair.ok && pair.index[u]).toBeCloseTo(0.4, 12);
    expect(compositeNeedIndex(agg, { senior_care: 0 })).toMatchObject({ ok: false, reason: 'all_weights_zero' });
  });

  it('counts each response once per offer it names, in exactly one unit or as unassigned (property)', () => {
    for (let trial = 0; trial < 8; trial++) {
      const responses = randomResponses(1000 + trial, 40 + trial * 30);
      const ds = prepareDataset(deepFreeze({ streets, addresses, areas, campaigns, responses }), { origin: ORIGIN });
      for (const spec of SPECS) {
        for (const campaignIds of [['w1'], undefined]) {
          const k = 1 + (trial % 6);
          const agg = aggregateOffers(ds, spec, { ...(campaignIds ? { campaignIds } : {}), minResponses: k });
          const layer = unitLayer(ds, spec);
          // Brute force: walk the records, not the masks.
          const expected = new Uint32Array(agg.unitCount * 12);
          const answers = new Uint32Array(agg.unitCount);
          let unassignedOffers = 0;
          responses.forEach((r, i) => {
            if (campaignIds && !campaignIds.includes(r.campaignId)) return;
            const u = layer.unitOfResponse[i]!;
            if (u < 0) {
              unassignedOffers += r.offers.length;
              return;
            }
            answers[u]!++;
            for (const offer of r.offers) expected[u * 12 + OFFER_IDS.indexOf(offer)]!++;
          });
          expect(Array.from(agg.needCounts)).toEqual(Array.from(expected));
          expect(Array.from(agg.responses)).toEqual(Array.from(answers));
          const offered = responses.filter((r) => !campaignIds || campaignIds.includes(r.campaignId)).reduce((s, r) => s + r.offers.length, 0);
          expect(agg.needCounts.reduce((s, c) => s + c, 0) + unassignedOffers).toBe(offered);
          // Suppression identical to the need map of the same units, wave and k.
          const needs = aggregateDataset(ds, spec, { ...(campaignIds ? { campaignIds } : {}), minResponses: k });
          expect(agg.unitIds).toEqual(needs.unitIds);
          expect(Array.from(agg.flags)).toEqual(Array.from(needs.flags));
          expect(Array.from(agg.responses)).toEqual(Array.from(needs.responses));
          expect(agg.totalResponses).toBe(needs.totalResponses);
          expect(agg.unassignedResponses).toBe(needs.unassignedResponses);
        }
      }
    }
  });
});
