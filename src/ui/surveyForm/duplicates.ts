import type { SurveyResponse } from '../../domain';

/**
 * Duplicate answers: the same household entered twice in one wave (a double tap, two volunteers on one staircase).
 * Responses carry no flat number or name, so an address with several households legitimately gets several answers;
 * the check therefore flags every further answer at an address within a wave and says how strong the suspicion is,
 * and the volunteer confirms ("another household") or goes back.
 */
export interface DuplicateCheck {
  /** Answers already recorded for this address in this wave (stored and still waiting to be sent). */
  existingAnswers: number;
  /** Households living at the address (from the address register); undefined when the register gave none. */
  households: number | undefined;
  /** An earlier answer has exactly the same content: almost surely the same household saved twice. */
  identical: boolean;
  /** The answers would outnumber the households living there. */
  exceedsHouseholds: boolean;
}

/** Merges stored and queued answers by id (a queued answer replaces a stored one with the same id). O(n). */
export function mergeById(stored: readonly SurveyResponse[], queued: readonly SurveyResponse[]): SurveyResponse[] {
  if (queued.length === 0) return stored as SurveyResponse[];
  const queuedIds = new Set(queued.map((r) => r.id));
  return [...stored.filter((r) => !queuedIds.has(r.id)), ...queued];
}

/** Answer counts per address id for one wave. O(responses). */
export function answersPerAddress(responses: readonly SurveyResponse[], campaignId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of responses) {
    if (r.campaignId !== campaignId || r.addressId === undefined) continue;
    counts.set(r.addressId, (counts.get(r.addressId) ?? 0) + 1);
  }
  return counts;
}

/** The household's answers in a canonical form (lists sorted), so order does not make two answers differ. */
function contentKey(r: SurveyResponse): string {
  const sorted = <T extends string>(xs: readonly T[]) => [...xs].sort();
  return JSON.stringify([
    r.householdSize,
    [...r.needs].sort((a, b) => (a.category < b.category ? -1 : 1)).map((n) => `${n.category}:${n.severity}`),
    sorted(r.nuisances),
    sorted(r.offers),
    r.leaderCandidate ? sorted(r.leaderCandidate.interests) : null,
  ]);
}

/**
 * Checks `candidate` against the answers already held (`responses`: stored and queued, see mergeById).
 * Returns null when nothing at the same address and wave exists (or the candidate has no address).
 * An earlier version of the candidate itself (same id) does not count. O(responses).
 *
 * @example checkDuplicate(answer, [earlierAnswerSameAddressSameWave], 1) // → { existingAnswers: 1, households: 1, identical: false, exceedsHouseholds: true }
 */
export function checkDuplicate(candidate: SurveyResponse, responses: readonly SurveyResponse[], households: number | undefined): DuplicateCheck | null {
  if (candidate.addressId === undefined) return null;
  const key = contentKey(candidate);
  let existingAnswers = 0;
  let identical = false;
  for (const r of responses) {
    if (r.id === candidate.id || r.campaignId !== candidate.campaignId || r.addressId !== candidate.addressId) continue;
    existingAnswers += 1;
    if (!identical && contentKey(r) === key) identical = true;
  }
  if (existingAnswers === 0) return null;
  return { existingAnswers, households, identical, exceedsHouseholds: households !== undefined && existingAnswers + 1 > households };
}
