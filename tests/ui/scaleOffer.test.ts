import { describe, expect, it } from 'vitest';
import type { ScaleCandidate } from '../../src/analysis/scaleAdvice';
import { scaleOffer } from '../../src/ui/explore/scaleOffer';

/** A candidate with the shares that matter here; Moran's numbers are not read by the offer. */
const candidate = (hexSizeMeters: number, shareShown: number): ScaleCandidate => ({
  hexSizeMeters,
  units: 0,
  unitsShown: 0,
  answers: 3000,
  answersShown: Math.round(3000 * shareShown),
  shareShown,
  answersInSpots: 0,
  shareInSpots: 0,
  moran: { moranI: 0, expected: 0, permutationMean: 0, permutationSd: 0, z: 0, pValue: 1, unitsTested: 0 },
});

// The town: at 250 m most answers sit in hidden hexagons (18 % shown), at 500 m 72 %, at 1 km 95 %;
// the advice chose 500 m (index 1).
const advice = { campaignId: 'w1', candidates: [candidate(250, 0.18), candidate(500, 0.72), candidate(1000, 0.95)], chosen: 1, minResponses: 5 };

describe('scaleOffer', () => {
  it('offers the advised hexagon size when another is shown, with the share hidden now and kept then', () => {
    const offer = scaleOffer({ campaignId: 'w1', unit: 'hex', hexSizeMeters: 250 }, null, null, advice);
    expect(offer).toMatchObject({ kind: 'hex_size', shownSize: 250, advisedSize: 500, keptShare: 0.72, k: 5 });
    expect(offer?.kind === 'hex_size' ? offer.hiddenShare : NaN).toBeCloseTo(0.82, 12); // 1 − 0.18
    expect(scaleOffer({ campaignId: 'w1', unit: 'hex', hexSizeMeters: 500 }, null, null, advice)).toBeNull();
    expect(scaleOffer({ campaignId: 'w2', unit: 'hex', hexSizeMeters: 250 }, null, null, advice)).toBeNull(); // advice of another wave
  });

  it('on streets, offers hexagons only when most streets with answers are hidden (3 of 5 here; 2 of 5 is no majority)', () => {
    const needMap = { campaignId: 'w1', layerKey: 'street', responses: Uint32Array.from([0, 2, 3, 9, 1, 12]), suppressed: Uint8Array.from([1, 1, 1, 0, 1, 0]) };
    expect(scaleOffer({ campaignId: 'w1', unit: 'street', hexSizeMeters: 250 }, needMap, 'street', advice)).toEqual({ kind: 'sparse_units', hiddenUnits: 3, unitsWithAnswers: 5, advisedSize: 500, keptShare: 0.72, k: 5 });
    const fewer = { ...needMap, suppressed: Uint8Array.from([1, 1, 0, 0, 1, 0]) };
    expect(scaleOffer({ campaignId: 'w1', unit: 'street', hexSizeMeters: 250 }, fewer, 'street', advice)).toBeNull();
    // A need map of another layer (the estate map still on screen while streets load) is not counted.
    expect(scaleOffer({ campaignId: 'w1', unit: 'street', hexSizeMeters: 250 }, needMap, 'area:estate', advice)).toBeNull();
  });
});
