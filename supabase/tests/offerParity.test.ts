import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFER_IDS, type OfferId, type Workspace } from '../../src/domain';
import type { PreparedDataset } from '../../src/analysis/dataset';
import { aggregateOffers } from '../../src/analysis/needQueries';
import { compositeNeedIndex } from '../../src/analysis/needIndex';
import { disclosedUnits, publishedMemberships, type PublishedHexGrid } from '../../src/analysis/disclosureControl';
import type { UnitSpec } from '../../src/analysis/unitLayers';
import type { Database } from './support/database';
import { differences, engineRows, openParityDemo, PARITY_PLANNER, TOLERANCE, type SqlUnitRow } from './support/parityDemo';
import { asCaller } from './support/request';

/**
 * Issue 14: residents' resources on the server equal the analysis engine on the demo town.
 * 1. private.campaign_cells with an offer set (the figures every share link is cut from) = aggregateOffers (what the
 *    planner's "Zasoby mieszkańców" map shows): responses, households, offer counts, shares and Wilson bounds to 1e-9,
 *    suppression, by street, by every area kind and by 250 m hexagon at the engine's origin; both waves, four offers.
 * 2. private.disclosed_units with an offer set = the engine's disclosure pattern with offer masks (the downloaded
 *    package): which cells are published and how each offer count is shown.
 * 3. A share link in resources mode (shared_aggregates, as anon): every published unit's figures are the engine's —
 *    one offer's share and interval, or the potential index (compositeNeedIndex over the offer shares).
 */

const PLANNER = PARITY_PLANNER;
const OFFERS: readonly OfferId[] = ['volunteering_time', 'senior_care', 'tutoring', 'it_skills'];
const WEIGHTS: Partial<Record<OfferId, number>> = { senior_care: 2, tutoring: 2, sports: 2, repairs: 0 };

let db: Database;
let workspace: Workspace;
let ds: PreparedDataset;
let grid: PublishedHexGrid;
const counts = { units: 0, published: 0, exact: 0 };

beforeAll(async () => {
  ({ db, workspace, ds } = await openParityDemo());
  const [row] = await db.query<{ size_meters: number; origin_lng: number; origin_lat: number }>('select size_meters, origin_lng, origin_lat from public.hex_grids where organisation_id = $1', [workspace.organisation.id]);
  grid = { sizeMeters: row!.size_meters, originLng: row!.origin_lng, originLat: row!.origin_lat };
}, 240_000);
afterAll(async () => {
  console.log(`offer parity: ${counts.units} unit figures compared with the engine; through share links ${counts.published} published units, ${counts.exact} with an exact value`);
  await db?.close();
});

const campaigns = () => workspace.campaigns.map((c) => c.id).sort();
const offerLiteral = (offers: readonly string[]) => `{${offers.join(',')}}`;

function cells(unit: 'street' | 'area' | 'hex', campaign: string, offer: OfferId, k: number): Promise<SqlUnitRow[]> {
  const origin = unit === 'hex' ? [ds.projection.originLng, ds.projection.originLat] : [null, null];
  return db.query<SqlUnitRow>(`select * from private.campaign_cells($1, $2, $3, null, 1, $4, 250, $5, $6, $7::public.offer[])`,
    [workspace.organisation.id, campaign, unit, k, origin[0], origin[1], offerLiteral([offer])]);
}

describe('residents\' resources on the server equal the engine on the demo town', () => {
  it('per unit: every street, area and 250 m hexagon, both waves, four offers, k = 5', async () => {
    const problems: string[] = [];
    const kinds = [...new Set(workspace.areas.map((a) => a.kind))].sort();
    for (const campaign of campaigns()) {
      for (const offer of OFFERS) {
        const column = OFFER_IDS.indexOf(offer);
        const agg = (spec: UnitSpec) => engineRows(aggregateOffers(ds, spec, { campaignIds: [campaign], minResponses: 5 }), column);
        const streets = await cells('street', campaign, offer, 5);
        const streetEngine = agg({ kind: 'street' });
        expect(streets.length).toBe(streetEngine.size);
        problems.push(...differences(streets, streetEngine, { compareHouseholds: true, engineUnitsWithoutResponses: 'listed' }).map((d) => `${campaign} ${offer} street ${d}`));
        counts.units += streets.length;
        const areas = await cells('area', campaign, offer, 5);
        for (const areaKind of kinds) {
          const engine = agg({ kind: 'area', areaKind });
          const ofKind = areas.filter((row) => engine.has(row.unit_id));
          expect(ofKind.length).toBe(engine.size);
          problems.push(...differences(ofKind, engine, { compareHouseholds: true, engineUnitsWithoutResponses: 'listed' }).map((d) => `${campaign} ${offer} ${areaKind} ${d}`));
          counts.units += ofKind.length;
        }
        const hexes = await cells('hex', campaign, offer, 5);
        // The RPC lists cells with responses in the wave; the engine every cell with an address or a response.
        problems.push(...differences(hexes, agg({ kind: 'hex', sizeMeters: 250 }), { compareHouseholds: true, engineUnitsWithoutResponses: 'omitted' }).map((d) => `${campaign} ${offer} hex ${d}`));
        counts.units += hexes.length;
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // Not vacuous: the offers are there to count.
    const offered = await db.query<{ n: number }>(`select count(*)::int as n from public.survey_responses where offers && $1::public.offer[]`, [offerLiteral(OFFERS)]);
    expect(offered[0]!.n).toBeGreaterThan(500);
  }, 240_000);

  it('publishes and bands the same cells as the engine\'s package (one offer, and the index\'s weighted offers; k = 5 and 8)', async () => {
    const cases: { campaign: string; offers: OfferId[]; k: number }[] = [
      { campaign: 'campaign-2025-w1', offers: ['senior_care'], k: 5 },
      { campaign: 'campaign-2026-w2', offers: ['tutoring', 'senior_care', 'sports'], k: 5 },
      { campaign: 'campaign-2026-w2', offers: ['it_skills'], k: 8 },
    ];
    for (const c of cases) {
      const sql = await db.query<{ unit_kind: string; unit_id: string; responses: number; need_count: number; published: boolean; need_shown: string | null }>(
        `select * from private.disclosed_units($1, $2, null, 1, $3, $4::public.offer[])`, [workspace.organisation.id, c.campaign, c.k, offerLiteral(c.offers)]);
      const mask = c.offers.reduce<number>((m, id) => m | (1 << OFFER_IDS.indexOf(id)), 0);
      const homes = new Map(workspace.responses.map((r) => [r.id, r]));
      const engine = disclosedUnits(publishedMemberships(ds, c.campaign, (i) => (ds.offerMasks[i]! & mask) !== 0, grid, homes), c.k);
      const fromSql = new Map(sql.map((u) => [`${u.unit_kind}:${u.unit_id}`, [u.responses, u.need_count, u.published, u.need_shown]]));
      const fromEngine = new Map([...engine].map(([key, u]) => [key, [u.responses, u.needCount, u.published, u.needShown]]));
      const diff = [...new Set([...fromSql.keys(), ...fromEngine.keys()])]
        .filter((key) => JSON.stringify(fromSql.get(key)) !== JSON.stringify(fromEngine.get(key)))
        .map((key) => `${c.offers.join('+')} k${c.k} ${key}: SQL ${JSON.stringify(fromSql.get(key))} engine ${JSON.stringify(fromEngine.get(key))}`);
      expect(diff.slice(0, 10)).toEqual([]);
      expect(sql.filter((u) => u.need_shown === 'band').length, `${c.offers.join('+')}: some offer counts are banded`).toBeGreaterThan(0);
      expect(sql.filter((u) => u.need_shown === 'exact').length, `${c.offers.join('+')}: some are exact`).toBeGreaterThan(0);
    }
  }, 240_000);

  it('a share link in resources mode shows the engine\'s figures for every published unit (one offer, and the potential index)', async () => {
    const org = workspace.organisation.id;
    const campaign = 'campaign-2025-w1';
    const problems: string[] = [];
    for (const offers of [{ kind: 'offer', offerId: 'senior_care' }, { kind: 'offerIndex', weights: WEIGHTS }] as const) {
      for (const unit of ['street', 'area'] as const) {
        const [link] = await asCaller(db, { role: 'authenticated', userId: PLANNER }, (tx) =>
          tx.query<{ token: string }>(`select * from public.create_share_link($1, $2, $3, now() + interval '1 day', 5)`, [org, campaign, JSON.stringify({ v: 1, unit, offers })]), 'commit');
        const rows = await asCaller(db, { role: 'anon' }, (tx) => tx.query<SqlUnitRow & { need_count_low: number | null; need_count_high: number | null }>('select * from public.shared_aggregates($1)', [link!.token]));
        const specs: UnitSpec[] = unit === 'street' ? [{ kind: 'street' }] : [...new Set(workspace.areas.map((a) => a.kind))].map((areaKind) => ({ kind: 'area', areaKind }));
        const engine = new Map<string, { responses: number; value: number; lower: number; upper: number }>();
        for (const spec of specs) {
          const agg = aggregateOffers(ds, spec, { campaignIds: [campaign], minResponses: 5 });
          const index = offers.kind === 'offerIndex' ? compositeNeedIndex(agg, offers.weights) : null;
          if (index && !index.ok) throw new Error(index.message);
          const j = offers.kind === 'offer' ? OFFER_IDS.indexOf(offers.offerId) : -1;
          for (let u = 0; u < agg.unitCount; u++) {
            engine.set(agg.unitIds[u]!, {
              responses: agg.responses[u]!,
              value: index?.ok ? index.index[u]! : agg.needRates[u * agg.needCount + j]!,
              lower: j < 0 ? NaN : agg.needLower[u * agg.needCount + j]!,
              upper: j < 0 ? NaN : agg.needUpper[u * agg.needCount + j]!,
            });
          }
        }
        expect(rows.length, `${offers.kind} ${unit}`).toBeGreaterThan(unit === 'street' ? 100 : 10);
        for (const row of rows) {
          const e = engine.get(row.unit_id);
          const where = `${offers.kind} ${unit} ${row.unit_id}`;
          if (!e) { problems.push(`${where}: not in the engine`); continue; }
          counts.published += 1;
          if (row.suppressed || row.responses !== e.responses) problems.push(`${where}: responses ${row.responses}, engine ${e.responses}`);
          if (row.need_rate === null) {
            if (row.need_count_low === null || row.need_count_high === null) problems.push(`${where}: neither a value nor a band`);
            continue;
          }
          counts.exact += 1;
          if (!(Math.abs(row.need_rate - e.value) <= TOLERANCE)) problems.push(`${where}: value ${row.need_rate}, engine ${e.value}`);
          if (offers.kind === 'offer' && !(Math.abs(Number(row.rate_low) - e.lower) <= TOLERANCE && Math.abs(Number(row.rate_high) - e.upper) <= TOLERANCE)) problems.push(`${where}: interval ${row.rate_low}–${row.rate_high}, engine ${e.lower}–${e.upper}`);
          if (offers.kind === 'offerIndex' && (row.rate_low !== null || row.rate_high !== null)) problems.push(`${where}: an index has no interval`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // Offers are rarer than needs: most published counts are bands (fewer than k households offer), some exact.
    expect(counts.exact).toBeGreaterThan(30);
  }, 240_000);
});
