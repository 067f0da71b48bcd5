import { z } from 'zod';
import { LineStringGeometry, MultiLineStringGeometry, MultiPolygonGeometry, PolygonGeometry } from './geometry';
import { Id } from './common';
import { NeedCategoryId, OfferId } from './needs';
import { UNIT_KINDS, WEIGHT_MAX } from './units';

/**
 * The "pakiet dla partnera": a file a centre gives a partner institution instead of a share link when it has no
 * Supabase server. Aggregates only, versioned (STYLE.md habit 14). Every object is strict, so a file that carries
 * anything household-level (answers, household sizes, addresses, points) is rejected as a whole, not trimmed: such
 * a file was not made by CAL Map and must not be shown as if it were.
 *
 * The k rule (UX.md "Partner view"): a unit with fewer than k answers carries no numbers at all (every figure null,
 * `suppressed: true`); a unit with numbers has at least k answers. k is at least 5.
 */

export const SHARE_PACKAGE_FORMAT = 'cal-map-share';
export const SHARE_PACKAGE_VERSION = 1;
/** No partner ever sees a figure from fewer than 5 answers (supabase/README.md: "partners never get k below 5"). */
export const MIN_SHARE_K = 5;
export const MAX_SHARE_K = 1000;
/** A share package or link is valid for at most a year (the share_links table's own limit). */
export const MAX_SHARE_DAYS = 366;

const Share = z.number().min(0, { message: 'a rate must be between 0 and 1' }).max(1, { message: 'a rate must be between 0 and 1' });

/** What a unit is drawn as: a street (lines) or an area or hexagon (polygons). Never a point. */
export const ShareUnitGeometry = z.discriminatedUnion('type', [LineStringGeometry, MultiLineStringGeometry, PolygonGeometry, MultiPolygonGeometry], {
  error: 'a unit geometry must be a LineString, MultiLineString, Polygon or MultiPolygon (points would show households)',
});
export type ShareUnitGeometry = z.infer<typeof ShareUnitGeometry>;

/** One street, area or hexagon with its figures, or with none when suppressed. */
export const ShareUnit = z.strictObject({
  id: z.string().min(1).max(200),
  label: z.string().max(300),
  geometry: ShareUnitGeometry,
  /** Households living in the unit (from the address register). */
  households: z.number().min(0).nullable(),
  /** Survey answers received in the unit for the wave. */
  responses: z.int().min(0).nullable(),
  /** Share of answering households with the need (or the composite index), 0–1. */
  rate: Share.nullable(),
  /** Wilson 95 % interval of the rate (null for the composite index, which is not a proportion). */
  lower: Share.nullable(),
  upper: Share.nullable(),
  suppressed: z.boolean(),
  /**
   * When the need count is not shown exactly (fewer than k households with the need, or fewer than k without it, or
   * hidden to protect another unit): the count lies in low … high and rate, lower and upper are null. Absent in older files.
   */
  needBand: z.strictObject({ low: z.int().min(0), high: z.int().min(0) }).nullable().optional(),
});
export type ShareUnit = z.infer<typeof ShareUnit>;

/**
 * What the figures mean: one need, the planner's weighted index, (share links) households with any of the needs, or
 * what households offer — under the same k and disclosure rules as needs (the offer count takes the need count's place).
 */
export const ShareSelection = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('need'), needId: NeedCategoryId }),
    z.strictObject({ kind: z.literal('index'), weights: z.partialRecord(NeedCategoryId, z.number().min(0).max(1000)) }),
    z.strictObject({ kind: z.literal('any'), needs: z.array(NeedCategoryId).max(20).nullable() }),
    /** Residents' resources (issue 14): the share of households offering one kind of help, or the potential index. */
    z.strictObject({ kind: z.literal('offer'), offerId: OfferId }),
    z.strictObject({ kind: z.literal('offerIndex'), weights: z.partialRecord(OfferId, z.number().min(0).max(1000)) }),
  ],
  { error: "view.selection must be { kind: 'need', needId }, { kind: 'index', weights }, { kind: 'any', needs }, { kind: 'offer', offerId } or { kind: 'offerIndex', weights }" },
);
export type ShareSelection = z.infer<typeof ShareSelection>;

/** Whether a shared selection counts needs or what residents offer (its colours and its disclosure sentence follow). */
export const shareSubject = (selection: ShareSelection): 'needs' | 'resources' => (selection.kind === 'offer' || selection.kind === 'offerIndex' ? 'resources' : 'needs');

/** The engine's unit kinds (units.ts), and 'area' for a hand-drawn or imported area of any kind. */
export const SHARE_UNIT_KINDS = [...UNIT_KINDS, 'area'] as const;

export const ShareViewInfo = z.strictObject({
  campaignName: z.string().max(300).nullable(),
  wave: z.int().min(1).max(1000).nullable(),
  unit: z.enum(SHARE_UNIT_KINDS),
  selection: ShareSelection,
  minSeverity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
});
export type ShareViewInfo = z.infer<typeof ShareViewInfo>;

export const SharePackage = z
  .strictObject({
    format: z.literal(SHARE_PACKAGE_FORMAT, { error: `format must be "${SHARE_PACKAGE_FORMAT}"` }),
    v: z.literal(SHARE_PACKAGE_VERSION, { error: `v must be ${SHARE_PACKAGE_VERSION} (this app reads version ${SHARE_PACKAGE_VERSION} packages)` }),
    organisation: z.strictObject({ name: z.string().min(1).max(300), town: z.string().min(1).max(300) }),
    createdAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
    k: z.int().min(MIN_SHARE_K, { message: `k must be at least ${MIN_SHARE_K}` }).max(MAX_SHARE_K),
    view: ShareViewInfo,
    units: z.array(ShareUnit).max(50_000),
  })
  .superRefine((pkg, ctx) => {
    pkg.units.forEach((unit, i) => {
      const figures = [unit.households, unit.responses, unit.rate, unit.lower, unit.upper];
      if (unit.suppressed && figures.some((f) => f !== null)) {
        ctx.addIssue({ code: 'custom', path: ['units', i], message: 'a suppressed unit must carry no figures (all null)', params: { rule: 'suppressed_with_figures' } });
      }
      if (!unit.suppressed && (unit.responses === null || unit.responses < pkg.k)) {
        ctx.addIssue({ code: 'custom', path: ['units', i, 'responses'], message: `a unit with fewer than k = ${pkg.k} answers must be suppressed`, params: { rule: 'below_k_not_suppressed' } });
      }
      if (unit.needBand && (unit.suppressed || unit.rate !== null || unit.needBand.low > unit.needBand.high || (unit.responses !== null && unit.needBand.high > unit.responses))) {
        ctx.addIssue({ code: 'custom', path: ['units', i, 'needBand'], message: 'a need band belongs to a shown unit without a rate, with low ≤ high ≤ answers', params: { rule: 'need_band_invalid' } });
      }
    });
  });
export type SharePackage = z.infer<typeof SharePackage>;

/**
 * What a share link shows of residents' resources (issue 14): the share of households offering one kind of help, or
 * the potential index (the mean of the chosen offers' shares: weights 0 … WEIGHT_MAX, at least one above 0, and equal
 * for every weighted offer — unequal weights would let a cell's index be decoded into small offer counts). The server
 * counts a household when it offers any weighted offer, under the same disclosure rules as a need
 * (supabase/migrations/…001100_share_links.sql check_share_view, …001000 restricted_cells).
 */
export const ShareLinkOffers = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('offer'), offerId: OfferId }),
    z.strictObject({
      kind: z.literal('offerIndex'),
      weights: z
        .partialRecord(OfferId, z.number().min(0).max(WEIGHT_MAX))
        .refine((weights) => Object.values(weights).some((w) => (w ?? 0) > 0), { message: 'give at least one offer a weight above 0', params: { rule: 'no_weight_above_zero' } })
        .refine((weights) => new Set(Object.values(weights).filter((w) => (w ?? 0) > 0)).size <= 1, { message: 'a shared potential index weighs every chosen offer equally', params: { rule: 'unequal_offer_weights' } }),
    }),
  ],
  { error: "view.offers must be { kind: 'offer', offerId } or { kind: 'offerIndex', weights }" },
);
export type ShareLinkOffers = z.infer<typeof ShareLinkOffers>;

/**
 * The saved view stored with a share link (the SQL checks v, unit, needs, offers, minSeverity, hexSizeMeters; other
 * keys ride along). Needs or offers, never both: `offers` turns the link to residents' resources.
 */
export const ShareLinkView = z
  .object({
    v: z.literal(1),
    unit: z.enum(['street', 'area', 'hex']),
    needs: z.array(NeedCategoryId).nullable().optional(),
    offers: ShareLinkOffers.nullable().optional(),
    minSeverity: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    hexSizeMeters: z.number().min(25).max(10_000).optional(),
    /** 'area' aggregates every area of the centre; the planner's view shows one kind (estates, districts): their ids. */
    areaIds: z.array(Id).max(500).optional(),
    /** The planner's unit choice ("estate"…), so the partner sees the same words. */
    exploreUnit: z.enum(['street', 'estate', 'district', 'care_region', 'hex']).optional(),
  })
  .refine((view) => !(view.offers && view.needs), { message: 'a view shows needs or offers, not both', path: ['needs'], params: { rule: 'needs_and_offers' } });
export type ShareLinkView = z.infer<typeof ShareLinkView>;

/** What a partner reads a link's figures as: households with any of the needs, or the offers. */
export const shareLinkSelection = (view: ShareLinkView): ShareSelection => view.offers ?? { kind: 'any', needs: view.needs ?? null };

/** The outcome of reading a package file: the package, or one sentence on what is wrong (path: reason). */
export type SharePackageRead = { ok: true; value: SharePackage } | { ok: false; reason: 'not-json' | 'not-package' | 'newer' | 'invalid'; detail: string };

/**
 * Parses the text of a package file. Not JSON, another kind of file, a newer version and a broken package are told
 * apart so the partner gets a message they can act on.
 * @example readSharePackage('{"format":"cal-map-share","v":1,…}') → { ok: true, value }
 */
export function readSharePackage(text: string): SharePackageRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: error instanceof Error ? error.message : String(error) };
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== SHARE_PACKAGE_FORMAT) {
    return { ok: false, reason: 'not-package', detail: 'format is not "cal-map-share"' };
  }
  const v = (json as { v?: unknown }).v;
  if (typeof v === 'number' && v > SHARE_PACKAGE_VERSION) return { ok: false, reason: 'newer', detail: `v = ${v}` };
  const parsed = SharePackage.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues[0];
  const where = first?.path.length ? first.path.map(String).join('.') : '(file)';
  return { ok: false, reason: 'invalid', detail: `${where}: ${first?.message ?? 'invalid'}` };
}
