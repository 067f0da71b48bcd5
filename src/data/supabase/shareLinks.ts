import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { type InputIssue, type ServerAction, type ServerMessage } from '../../domain';
import { MAX_SHARE_DAYS, MAX_SHARE_K, MIN_SHARE_K, SHARE_PACKAGE_FORMAT, SharePackage, ShareLinkView, shareLinkSelection, ShareUnitGeometry, type ShareUnit } from '../../domain/sharePackage';
import { abortError, throwIfAborted } from '../abort';
import { malformedReplyIssue, serverIssue, serverSideIssue } from './serverIssues';

/**
 * Partner share links through the RPCs of supabase/migrations/…001100_share_links.sql: create, list and revoke (a
 * planner or admin, under RLS), and the partner's side (`shared_view` + `shared_aggregates`, callable with the anon
 * key and a live token; SECURITY DEFINER, aggregates only, suppressed below the link's k). Every reply is parsed with
 * zod; every failure is a value (an InputIssue), never an exception. Aborts reject with an AbortError.
 *
 * The token is 64 hex characters, returned once by create_share_link; the app puts it in the URL path
 * (`<origin>/s/<token>`), never in a query string (STYLE.md habit 15).
 */

export type ShareResult<T> = { ok: true; value: T } | { ok: false; issue: InputIssue };

/** The saved view: src/domain/sharePackage.ts (needs or residents' offers). Re-exported for the callers here. */
export { ShareLinkView };

const Timestamp = z.iso.datetime({ offset: true });

const CreatedRow = z.object({ id: z.uuid(), token: z.string().regex(/^[0-9a-f]{64}$/), expires_at: Timestamp });
export interface CreatedShareLink { id: string; token: string; expiresAt: string }

const ListedRow = z.object({
  id: z.uuid(),
  campaign_id: z.string(),
  view: z.unknown(),
  k: z.int().min(MIN_SHARE_K),
  expires_at: Timestamp,
  revoked_at: Timestamp.nullable(),
  created_at: Timestamp,
  active: z.boolean(),
});
export interface ShareLinkInfo {
  id: string;
  campaignId: string;
  /** The stored view, or null when it is not one this app wrote. */
  view: ShareLinkView | null;
  k: number;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
  /** Neither expired nor revoked (the server's clock). */
  active: boolean;
}

const SharedViewReply = z.object({
  view: ShareLinkView,
  k: z.int().min(MIN_SHARE_K),
  expiresAt: Timestamp,
  campaign: z.object({ name: z.string(), wave: z.int().min(1).nullable().optional() }).nullable(),
  organisation: z.object({ name: z.string().min(1), town: z.string().min(1) }).nullable(),
});

const AggregateRow = z.object({
  unit_id: z.string().min(1),
  label: z.string().nullable(),
  geometry: ShareUnitGeometry,
  households: z.number().min(0).nullable(),
  responses: z.int().min(0).nullable(),
  need_count: z.int().min(0).nullable(),
  need_rate: z.number().min(0).max(1).nullable(),
  rate_low: z.number().min(0).max(1).nullable(),
  rate_high: z.number().min(0).max(1).nullable(),
  suppressed: z.boolean(),
  /**
   * The band of a need (or offer) count not shown exactly (supabase/README.md "Disclosure control"); absent on older
   * servers. In a resources view need_count counts households offering the link's offers, and need_rate is the share
   * (one offer) or the potential index (no interval).
   */
  need_count_low: z.int().min(0).nullable().optional(),
  need_count_high: z.int().min(0).nullable().optional(),
});

export const SHARE_TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/** One RPC: the error or the zod-parsed reply. */
async function call<T>(client: SupabaseClient, fn: string, args: Record<string, unknown>, schema: z.ZodType<T>, what: ServerAction, signal: AbortSignal | undefined): Promise<ShareResult<T>> {
  throwIfAborted(signal);
  let request = client.rpc(fn, args);
  if (signal) request = request.abortSignal(signal);
  const { data, error, status } = await request;
  if (signal?.aborted) throw abortError();
  if (error) return { ok: false, issue: serverIssue(error, status, what) };
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, issue: malformedReplyIssue(what, parsed.error) };
  return { ok: true, value: parsed.data };
}

const refuse = (field: string, server: ServerMessage, message: string): { ok: false; issue: InputIssue } => ({ ok: false, issue: serverSideIssue(field, server, message) });

export interface CreateShareLinkInput {
  organisationId: string;
  campaignId: string;
  view: ShareLinkView;
  /** When the link stops working; in the future and within MAX_SHARE_DAYS. */
  expiresAt: Date;
  /** Threshold: units with fewer answers are suppressed. 5 … 1000. */
  k: number;
}

/**
 * POST /rest/v1/rpc/create_share_link. Checks k, expiry and the view first (no request when they are wrong).
 * @example const link = await createShareLink(client, { organisationId, campaignId, view: { v: 1, unit: 'street', needs: ['housing'] }, expiresAt, k: 5 });
 *          if (link.ok) copy(`${origin}/s/${link.value.token}`);
 */
export async function createShareLink(client: SupabaseClient, input: CreateShareLinkInput, signal?: AbortSignal, now: Date = new Date()): Promise<ShareResult<CreatedShareLink>> {
  if (!Number.isInteger(input.k) || input.k < MIN_SHARE_K || input.k > MAX_SHARE_K) return refuse('k', { code: 'share_k_range', min: MIN_SHARE_K, max: MAX_SHARE_K }, `k must be a whole number from ${MIN_SHARE_K} to ${MAX_SHARE_K}`);
  const expires = input.expiresAt.getTime();
  if (!Number.isFinite(expires) || expires <= now.getTime() || expires > now.getTime() + MAX_SHARE_DAYS * 86_400_000) {
    return refuse('expiresAt', { code: 'share_expiry_range', days: MAX_SHARE_DAYS }, `a share link must expire in the future and within ${MAX_SHARE_DAYS} days`);
  }
  const view = ShareLinkView.safeParse(input.view);
  if (!view.success) return { ok: false, issue: malformedReplyIssue('create_share_link', view.error) };
  const created = await call(
    client,
    'create_share_link',
    { p_organisation_id: input.organisationId, p_campaign_id: input.campaignId, p_view: view.data, p_expires_at: input.expiresAt.toISOString(), p_k: input.k },
    z.array(CreatedRow).length(1),
    'create_share_link',
    signal,
  );
  if (!created.ok) return created;
  const row = created.value[0]!;
  return { ok: true, value: { id: row.id, token: row.token, expiresAt: row.expires_at } };
}

/** POST /rest/v1/rpc/list_share_links: the centre's links, newest first, without tokens. */
export async function listShareLinks(client: SupabaseClient, organisationId: string, signal?: AbortSignal): Promise<ShareResult<ShareLinkInfo[]>> {
  const listed = await call(client, 'list_share_links', { p_organisation_id: organisationId }, z.array(ListedRow), 'list_share_links', signal);
  if (!listed.ok) return listed;
  return {
    ok: true,
    value: listed.value.map((row) => {
      const view = ShareLinkView.safeParse(row.view);
      return { id: row.id, campaignId: row.campaign_id, view: view.success ? view.data : null, k: row.k, expiresAt: row.expires_at, revokedAt: row.revoked_at, createdAt: row.created_at, active: row.active };
    }),
  };
}

/** POST /rest/v1/rpc/revoke_share_link: true when a live link was revoked, false when it already was (or is not yours). */
export function revokeShareLink(client: SupabaseClient, id: string, signal?: AbortSignal): Promise<ShareResult<boolean>> {
  if (!z.uuid().safeParse(id).success) return Promise.resolve(refuse('id', { code: 'not_share_link_id' }, 'not a share link id'));
  return call(client, 'revoke_share_link', { p_id: id }, z.boolean(), 'revoke_share_link', signal);
}

/** Why a partner sees nothing: a token that cannot be one, a link that is unknown, expired or revoked, or a failure. */
export type SharedLoad = { ok: true; value: SharePackage } | { ok: false; reason: 'malformed' | 'not-found' | 'failed'; issue: InputIssue };

/**
 * The partner's side: POST /rest/v1/rpc/shared_view then /rest/v1/rpc/shared_aggregates with the token (anon key, no
 * sign-in), turned into the same share package a file carries, so one view renders both. Defence in depth: a row the
 * server marks suppressed, or with fewer than k answers, keeps no figures here either.
 */
export async function loadSharedPackage(client: SupabaseClient, token: string, signal?: AbortSignal, now: Date = new Date()): Promise<SharedLoad> {
  if (!SHARE_TOKEN_PATTERN.test(token)) return { ok: false, reason: 'malformed', issue: serverSideIssue('token', { code: 'link_malformed' }, 'this is not a partner link (the token must be 64 hex characters)') };
  const view = await call(client, 'shared_view', { p_token: token }, SharedViewReply.nullable(), 'open_partner_link', signal);
  if (!view.ok) return { ok: false, reason: 'failed', issue: view.issue };
  if (view.value === null) return { ok: false, reason: 'not-found', issue: serverSideIssue('token', { code: 'link_gone' }, 'this partner link has expired, was revoked, or never existed') };
  const rows = await call(client, 'shared_aggregates', { p_token: token }, z.array(AggregateRow), 'read_shared_figures', signal);
  if (!rows.ok) return { ok: false, reason: 'failed', issue: rows.issue };
  const { k, expiresAt, campaign, organisation } = view.value;
  const saved = view.value.view;
  const keep = saved.areaIds ? new Set(saved.areaIds) : null;
  const units = rows.value
    .filter((row) => saved.unit !== 'area' || keep === null || keep.has(row.unit_id))
    .map((row): ShareUnit => {
      const hidden = row.suppressed || row.responses === null || row.responses < k;
      if (hidden) return { id: row.unit_id, label: row.label ?? row.unit_id, geometry: row.geometry, households: null, responses: null, rate: null, lower: null, upper: null, suppressed: true };
      const banded = row.need_count === null && row.need_count_low != null && row.need_count_high != null;
      return {
        id: row.unit_id, label: row.label ?? row.unit_id, geometry: row.geometry, households: row.households, responses: row.responses,
        rate: banded ? null : row.need_rate, lower: banded ? null : row.rate_low, upper: banded ? null : row.rate_high, suppressed: false,
        ...(banded ? { needBand: { low: row.need_count_low!, high: Math.min(row.need_count_high!, row.responses!) } } : {}),
      };
    });
  const pkg = SharePackage.safeParse({
    format: SHARE_PACKAGE_FORMAT,
    v: 1,
    organisation: organisation ?? { name: '—', town: '—' },
    createdAt: now.toISOString(),
    expiresAt,
    k,
    view: {
      campaignName: campaign?.name ?? null,
      wave: campaign?.wave ?? null,
      unit: saved.exploreUnit ?? saved.unit,
      selection: shareLinkSelection(saved),
      minSeverity: saved.minSeverity ?? 1,
    },
    units,
  });
  if (!pkg.success) return { ok: false, reason: 'failed', issue: malformedReplyIssue('read_shared_figures', pkg.error) };
  return { ok: true, value: pkg.data };
}
