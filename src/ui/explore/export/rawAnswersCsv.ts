import { NEED_CATEGORY_IDS, type SurveyResponse } from '../../../domain';
import { toCsv, type CsvOptions } from './csvFormat';

/**
 * Household answers of one wave, one row each, for the centre's own analysis (SPSS, Excel). Personal data under
 * GDPR: exported only by a planner, after a warning (ExportMenu), never in a partner context (audience.ts).
 * Columns: the answer's id, wave, date, where it is (address, street, point), household size, a severity column
 * per need (empty = not reported), nuisances and offers as `|`-joined ids, and the leader-candidate consent.
 */
export const RAW_ANSWER_COLUMNS = [
  'response_id',
  'campaign_id',
  'date',
  'address_id',
  'street_id',
  'lng',
  'lat',
  'household_size',
  ...NEED_CATEGORY_IDS.map((id) => `need_${id}`),
  'nuisances',
  'offers',
  'leader_candidate',
] as const;

export function rawAnswersCsv(responses: readonly SurveyResponse[], campaignId: string, options?: CsvOptions): string {
  const rows = responses
    .filter((r) => r.campaignId === campaignId)
    .map((r) => {
      const severity = new Map(r.needs.map((n) => [n.category, n.severity]));
      return [
        r.id,
        r.campaignId,
        r.date,
        r.addressId ?? null,
        r.streetId ?? null,
        r.location?.coordinates[0] ?? null,
        r.location?.coordinates[1] ?? null,
        r.householdSize,
        ...NEED_CATEGORY_IDS.map((id) => severity.get(id) ?? null),
        r.nuisances.join('|'),
        r.offers.join('|'),
        r.leaderCandidate ? true : false,
      ];
    });
  return toCsv(RAW_ANSWER_COLUMNS, rows, options);
}
