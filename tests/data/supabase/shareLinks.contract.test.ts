import { describe, expect, it } from 'vitest';
import { isAbortError } from '../../../src/data/abort';
import { createShareLink, listShareLinks, loadSharedPackage, revokeShareLink, type ShareLinkView } from '../../../src/data/supabase/shareLinks';
import { ACCESS_TOKEN, ANON_KEY, signedIn, stubbedDataSource, stubFetch } from './stubFetch';

/**
 * Contract tests of the share-link RPCs (supabase/migrations/…001000_share_links.sql) through supabase-js: the exact
 * requests (POST /rest/v1/rpc/<fn>, apikey and Authorization, JSON body) and how replies, malformed replies and
 * errors are read. PostgREST does not run here, so the partner's /s/<token> path is covered by these tests, not e2e.
 */

const asUser = { apikey: ANON_KEY, authorization: `Bearer ${ACCESS_TOKEN}`, 'content-type': 'application/json' };
const asAnon = { apikey: ANON_KEY, authorization: `Bearer ${ANON_KEY}`, 'content-type': 'application/json' };
const NOW = new Date('2026-11-23T10:00:00Z');
const EXPIRES = new Date('2026-12-23T23:59:59Z');
const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const LINK_ID = '0b6f2c1e-5d4a-4c3b-9a8f-7e6d5c4b3a21';
const VIEW: ShareLinkView = { v: 1, unit: 'street', needs: ['housing'], minSeverity: 1, exploreUnit: 'street' };
const line = { type: 'LineString', coordinates: [[19.3, 50.15], [19.31, 50.151]] };
const square = { type: 'MultiPolygon', coordinates: [[[[19.3, 50.15], [19.31, 50.15], [19.31, 50.16], [19.3, 50.15]]]] };

describe('createShareLink', () => {
  it('POSTs /rest/v1/rpc/create_share_link as the user with organisation, campaign, view, expiry and k; reads id, token, expiry', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    stub.reply({ status: 200, json: [{ id: LINK_ID, token: TOKEN, expires_at: '2026-12-23T23:59:59+00:00' }] });
    const created = await createShareLink(source.client, { organisationId: 'ops-debowo', campaignId: 'campaign-2025-w1', view: VIEW, expiresAt: EXPIRES, k: 7 }, undefined, NOW);
    expect(created).toEqual({ ok: true, value: { id: LINK_ID, token: TOKEN, expiresAt: '2026-12-23T23:59:59+00:00' } });
    expect(stub.requests).toEqual([
      {
        method: 'POST',
        path: '/rest/v1/rpc/create_share_link',
        headers: expect.objectContaining(asUser),
        body: { p_organisation_id: 'ops-debowo', p_campaign_id: 'campaign-2025-w1', p_view: VIEW, p_expires_at: '2026-12-23T23:59:59.000Z', p_k: 7 },
      },
    ]);
  });

  it('refuses k below 5, a past expiry or one beyond a year without sending anything', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    const base = { organisationId: 'ops-debowo', campaignId: 'c1', view: VIEW };
    const k4 = await createShareLink(source.client, { ...base, expiresAt: EXPIRES, k: 4 }, undefined, NOW);
    expect(k4).toEqual({ ok: false, issue: { source: 'supabase', field: 'k', message: 'k must be a whole number from 5 to 1000', server: { code: 'share_k_range', min: 5, max: 1000 } } });
    const kHalf = await createShareLink(source.client, { ...base, expiresAt: EXPIRES, k: 5.5 }, undefined, NOW);
    expect(!kHalf.ok && kHalf.issue.field).toBe('k');
    const past = await createShareLink(source.client, { ...base, expiresAt: new Date('2026-11-22T00:00:00Z'), k: 5 }, undefined, NOW);
    expect(!past.ok && past.issue.field).toBe('expiresAt');
    // 367 days after NOW: one day beyond the table's limit.
    const far = await createShareLink(source.client, { ...base, expiresAt: new Date(NOW.getTime() + 367 * 86_400_000), k: 5 }, undefined, NOW);
    expect(!far.ok && far.issue.field).toBe('expiresAt');
    expect(stub.requests).toEqual([]);
  });

  it('words PostgREST errors (permission, bad campaign) and reads a malformed reply as not understood', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    const input = { organisationId: 'ops-debowo', campaignId: 'c1', view: VIEW, expiresAt: EXPIRES, k: 5 };
    stub.reply({ status: 403, json: { code: '42501', message: 'permission denied for function create_share_link', details: null, hint: null } });
    const denied = await createShareLink(source.client, input, undefined, NOW);
    expect(denied).toEqual({ ok: false, issue: { source: 'supabase', field: '(permission)', message: 'creating a share link: you are not allowed to do this in this centre (42501)', server: { code: 'not_allowed', action: 'create_share_link', tag: '42501' } } });
    stub.reply({ status: 400, json: { code: '22023', message: 'campaign does not exist', details: null, hint: null } });
    const refused = await createShareLink(source.client, input, undefined, NOW);
    expect(!refused.ok && refused.issue.message).toBe('creating a share link: the server refused the request: campaign does not exist (22023).');
    stub.reply({ status: 200, json: [{ id: LINK_ID, token: 'short', expires_at: '2026-12-23T23:59:59+00:00' }] });
    const malformed = await createShareLink(source.client, input, undefined, NOW);
    expect(!malformed.ok && malformed.issue.message).toMatch(/^creating a share link: the server's reply was not understood \(0\.token: /);
    stub.reply({ networkError: 'fetch failed' });
    const offline = await createShareLink(source.client, input, undefined, NOW);
    expect(!offline.ok && offline.issue.field).toBe('(network)');
  });
});

describe('listShareLinks and revokeShareLink', () => {
  it('POSTs list_share_links {p_organisation_id} and reads active, expired and revoked links', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    stub.reply({
      status: 200,
      json: [
        { id: LINK_ID, campaign_id: 'c1', view: VIEW, k: 5, expires_at: '2026-12-23T23:59:59+00:00', revoked_at: null, created_at: '2026-11-23T10:00:00.123456+00:00', active: true },
        { id: '1b6f2c1e-5d4a-4c3b-9a8f-7e6d5c4b3a21', campaign_id: 'c1', view: { v: 1, unit: 'moon' }, k: 10, expires_at: '2026-11-01T00:00:00+00:00', revoked_at: '2026-10-02T08:00:00+00:00', created_at: '2026-10-01T08:00:00+00:00', active: false },
      ],
    });
    const listed = await listShareLinks(source.client, 'ops-debowo');
    expect(stub.requests).toEqual([{ method: 'POST', path: '/rest/v1/rpc/list_share_links', headers: expect.objectContaining(asUser), body: { p_organisation_id: 'ops-debowo' } }]);
    expect(listed).toEqual({
      ok: true,
      value: [
        { id: LINK_ID, campaignId: 'c1', view: VIEW, k: 5, expiresAt: '2026-12-23T23:59:59+00:00', revokedAt: null, createdAt: '2026-11-23T10:00:00.123456+00:00', active: true },
        // A view this app did not write is kept as null, the link itself still listed (so it can be revoked).
        { id: '1b6f2c1e-5d4a-4c3b-9a8f-7e6d5c4b3a21', campaignId: 'c1', view: null, k: 10, expiresAt: '2026-11-01T00:00:00+00:00', revokedAt: '2026-10-02T08:00:00+00:00', createdAt: '2026-10-01T08:00:00+00:00', active: false },
      ],
    });
  });

  it('reports a list row with k below 5 or a missing field as a reply not understood', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    stub.reply({ status: 200, json: [{ id: LINK_ID, campaign_id: 'c1', view: VIEW, k: 2, expires_at: '2026-12-23T23:59:59+00:00', revoked_at: null, created_at: '2026-11-23T10:00:00+00:00', active: true }] });
    const listed = await listShareLinks(source.client, 'ops-debowo');
    expect(!listed.ok && listed.issue.message).toMatch(/not understood \(0\.k: /);
  });

  it('POSTs revoke_share_link {p_id} and reads the boolean; a bad id is refused without a request', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    stub.reply({ status: 200, json: true });
    expect(await revokeShareLink(source.client, LINK_ID)).toEqual({ ok: true, value: true });
    stub.reply({ status: 200, json: false });
    expect(await revokeShareLink(source.client, LINK_ID)).toEqual({ ok: true, value: false });
    expect(stub.requests).toEqual([
      { method: 'POST', path: '/rest/v1/rpc/revoke_share_link', headers: expect.objectContaining(asUser), body: { p_id: LINK_ID } },
      { method: 'POST', path: '/rest/v1/rpc/revoke_share_link', headers: expect.objectContaining(asUser), body: { p_id: LINK_ID } },
    ]);
    expect(await revokeShareLink(source.client, "1'; drop table share_links; --")).toEqual({ ok: false, issue: { source: 'supabase', field: 'id', message: 'not a share link id', server: { code: 'not_share_link_id' } } });
    stub.reply({ status: 200, json: 'yes' });
    const odd = await revokeShareLink(source.client, LINK_ID);
    expect(!odd.ok && odd.issue.field).toBe('(server)');
    expect(stub.requests.length).toBe(3);
  });

  it('an aborted call rejects with an AbortError', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    const controller = new AbortController();
    stub.reply({ hangUntilAborted: true });
    const pending = listShareLinks(source.client, 'ops-debowo', controller.signal);
    controller.abort();
    await expect(pending).rejects.toSatisfy(isAbortError);
  });
});

describe('loadSharedPackage (the partner, anonymous)', () => {
  const viewReply = {
    view: { v: 1, unit: 'area', needs: ['loneliness_seniors'], minSeverity: 1, exploreUnit: 'estate', areaIds: ['estate-a', 'estate-b'] },
    k: 5,
    expiresAt: '2026-12-23T23:59:59+00:00',
    campaign: { name: 'Diagnoza 2025', startDate: '2025-03-01', endDate: '2025-05-31', wave: 1 },
    organisation: { name: 'MOPS Dębowo', town: 'Dębowo' },
  };
  const row = (unitId: string, over: Record<string, unknown>) => ({ unit_id: unitId, label: unitId, geometry: square, households: 120, responses: 40, need_count: 10, need_rate: 0.25, rate_low: 0.14, rate_high: 0.4, suppressed: false, ...over });

  it('POSTs shared_view then shared_aggregates with the anon key only and builds an aggregates-only package', async () => {
    const stub = stubFetch();
    const client = stubbedDataSource(stub).client;
    stub.reply({ status: 200, json: viewReply });
    stub.reply({
      status: 200,
      json: [
        row('estate-a', {}),
        row('estate-b', { households: 30, responses: null, need_count: null, need_rate: null, rate_low: null, rate_high: null, suppressed: true }),
        // Another kind of area (a district) the planner's view did not show: left out.
        row('district-1', {}),
      ],
    });
    const loaded = await loadSharedPackage(client, TOKEN, undefined, NOW);
    expect(stub.requests).toEqual([
      { method: 'POST', path: '/rest/v1/rpc/shared_view', headers: expect.objectContaining(asAnon), body: { p_token: TOKEN } },
      { method: 'POST', path: '/rest/v1/rpc/shared_aggregates', headers: expect.objectContaining(asAnon), body: { p_token: TOKEN } },
    ]);
    // The token travels in the body of a POST, never in a URL.
    expect(stub.requests.every((r) => !r.path.includes(TOKEN))).toBe(true);
    expect(loaded).toEqual({
      ok: true,
      value: {
        format: 'cal-map-share',
        v: 1,
        organisation: { name: 'MOPS Dębowo', town: 'Dębowo' },
        createdAt: NOW.toISOString(),
        expiresAt: '2026-12-23T23:59:59+00:00',
        k: 5,
        view: { campaignName: 'Diagnoza 2025', wave: 1, unit: 'estate', selection: { kind: 'any', needs: ['loneliness_seniors'] }, minSeverity: 1 },
        units: [
          { id: 'estate-a', label: 'estate-a', geometry: square, households: 120, responses: 40, rate: 0.25, lower: 0.14, upper: 0.4, suppressed: false },
          // Suppressed by the server: its households figure is dropped here too.
          { id: 'estate-b', label: 'estate-b', geometry: square, households: null, responses: null, rate: null, lower: null, upper: null, suppressed: true },
        ],
      },
    });
  });

  it('keeps no figures of a row below k even if a server sent them unsuppressed (defence in depth)', async () => {
    const stub = stubFetch();
    const client = stubbedDataSource(stub).client;
    stub.reply({ status: 200, json: { ...viewReply, view: { v: 1, unit: 'street', needs: null } } });
    stub.reply({ status: 200, json: [row('street-1', { geometry: line, responses: 3, need_rate: 0.67 })] });
    const loaded = await loadSharedPackage(client, TOKEN, undefined, NOW);
    expect(loaded.ok && loaded.value.units).toEqual([{ id: 'street-1', label: 'street-1', geometry: line, households: null, responses: null, rate: null, lower: null, upper: null, suppressed: true }]);
    expect(loaded.ok && loaded.value.view.selection).toEqual({ kind: 'any', needs: null });
  });

  it('reads a residents\' resources link: the offer (or the potential index) is the selection, bands are offer counts', async () => {
    for (const offers of [{ kind: 'offer', offerId: 'senior_care' }, { kind: 'offerIndex', weights: { senior_care: 2, tutoring: 2 } }] as const) {
      const stub = stubFetch();
      const client = stubbedDataSource(stub).client;
      stub.reply({ status: 200, json: { ...viewReply, view: { v: 1, unit: 'street', offers, minSeverity: 1, exploreUnit: 'street' } } });
      const index = offers.kind === 'offerIndex';
      stub.reply({
        status: 200,
        json: [
          row('street-1', { geometry: line, need_count: 9, need_rate: index ? 0.1875 : 0.225, rate_low: index ? null : 0.12, rate_high: index ? null : 0.38 }),
          // Fewer than 5 households offer it: a band, never the count.
          row('street-2', { geometry: line, need_count: null, need_rate: null, rate_low: null, rate_high: null, need_count_low: 0, need_count_high: 4 }),
        ],
      });
      const loaded = await loadSharedPackage(client, TOKEN, undefined, NOW);
      if (!loaded.ok) throw new Error(loaded.issue.message);
      expect(loaded.value.view.selection).toEqual(offers);
      expect(loaded.value.units.map((u) => [u.id, u.rate, u.lower, u.upper, u.needBand ?? null])).toEqual([
        ['street-1', index ? 0.1875 : 0.225, index ? null : 0.12, index ? null : 0.38, null],
        ['street-2', null, null, null, { low: 0, high: 4 }],
      ]);
    }
  });

  it('refuses a view naming needs and offers at once, an index with no weight or with unequal weights, before sending it', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    const before = stub.requests.length;
    for (const view of [
      { v: 1, unit: 'street', needs: ['housing'], offers: { kind: 'offer', offerId: 'senior_care' } },
      { v: 1, unit: 'street', offers: { kind: 'offerIndex', weights: { senior_care: 0 } } },
      { v: 1, unit: 'street', offers: { kind: 'offerIndex', weights: { senior_care: 9 } } },
      { v: 1, unit: 'street', offers: { kind: 'offer', offerId: 'juggling' } },
      { v: 1, unit: 'street', offers: { kind: 'offerIndex', weights: { senior_care: 1, tutoring: 5 } } },
    ]) {
      const created = await createShareLink(source.client, { organisationId: 'ops-debowo', campaignId: 'campaign-2025-w1', view: view as ShareLinkView, expiresAt: EXPIRES, k: 5 }, undefined, NOW);
      expect(created.ok, JSON.stringify(view)).toBe(false);
    }
    expect(stub.requests.length).toBe(before);
  });

  it('a malformed token sends nothing; an unknown, expired or revoked one (null view) is "not found"', async () => {
    const stub = stubFetch();
    const client = stubbedDataSource(stub).client;
    for (const token of ['', 'abc', TOKEN.toUpperCase(), `${TOKEN}0`, "' or 1=1 --"]) {
      const result = await loadSharedPackage(client, token, undefined, NOW);
      expect(!result.ok && result.reason).toBe('malformed');
    }
    expect(stub.requests).toEqual([]);
    stub.reply({ status: 200, json: null });
    const missing = await loadSharedPackage(client, TOKEN, undefined, NOW);
    expect(!missing.ok && missing.reason).toBe('not-found');
    expect(stub.requests.map((r) => r.path)).toEqual(['/rest/v1/rpc/shared_view']);
  });

  it('reads malformed replies and errors as failures with a message, never a crash', async () => {
    const cases: Array<{ replies: Array<{ status: number; json: unknown } | { networkError: string }>; expected: RegExp }> = [
      { replies: [{ status: 200, json: { ...viewReply, k: 2 } }], expected: /opening the partner link: the server's reply was not understood \(k: / },
      { replies: [{ status: 200, json: viewReply }, { status: 200, json: [row('estate-a', { geometry: { type: 'Point', coordinates: [19.3, 50.1] } })] }], expected: /reading the shared figures: the server's reply was not understood \(0\.geometry/ },
      { replies: [{ status: 200, json: viewReply }, { status: 200, json: [{ ...row('estate-a', {}), householdSize: 3 }] }], expected: /^$/ },
      { replies: [{ status: 404, json: { code: 'PGRST202', message: 'Could not find the function public.shared_view(p_token)', details: null, hint: null } }], expected: /lacks a function the app needs/ },
      { replies: [{ networkError: 'fetch failed' }], expected: /could not be reached/ },
    ];
    for (const { replies, expected } of cases) {
      const stub = stubFetch();
      const client = stubbedDataSource(stub).client;
      for (const reply of replies) stub.reply(reply);
      const result = await loadSharedPackage(client, TOKEN, undefined, NOW);
      if (expected.source === '^$') {
        // Unknown columns in a row are dropped by the row schema: they never reach the package.
        expect(result.ok).toBe(true);
        expect(JSON.stringify(result.ok && result.value)).not.toMatch(/householdSize/);
        continue;
      }
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toBe('failed');
      expect(!result.ok && result.issue.message).toMatch(expected);
    }
  });
});
