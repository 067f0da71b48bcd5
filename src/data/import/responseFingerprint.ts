import type { SurveyResponse } from '../../domain';

/**
 * What makes two survey answers the same answer, whatever their ids: wave, place, date, household size, needs with
 * severity, nuisances, offers, leader consent. Re-importing a file (or the rejected rows of one, fixed) must not add
 * an answer twice (issue 12), and the ids of imported rows depend on the row number, which changes between files.
 * Points are compared to 1e-6° (~10 cm). O(items log items).
 * @example responseFingerprint(a) === responseFingerprint({ ...a, id: 'other' }) → true
 */
export function responseFingerprint(response: SurveyResponse): string {
  const place = response.addressId
    ? `a:${response.addressId}`
    : response.streetId
      ? `s:${response.streetId}`
      : response.location
        ? `p:${response.location.coordinates.map((c) => c.toFixed(6)).join(',')}`
        : '-';
  const needs = response.needs.map((n) => `${n.category}=${n.severity}`).sort().join(',');
  const leader = response.leaderCandidate ? `L:${[...response.leaderCandidate.interests].sort().join(',')}` : '';
  return [response.campaignId, place, response.date, response.householdSize, needs, [...response.nuisances].sort().join(','), [...response.offers].sort().join(','), leader].join('|');
}

/** Fingerprint → how many answers of the workspace have it. */
export function countFingerprints(responses: readonly SurveyResponse[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of responses) {
    const f = responseFingerprint(r);
    counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  return counts;
}
