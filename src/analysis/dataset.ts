import type { Address } from '../domain/address';
import type { Area } from '../domain/area';
import { NEED_CATEGORY_IDS, OFFER_IDS } from '../domain/needs';
import type { Street } from '../domain/street';
import type { SurveyCampaign, SurveyResponse } from '../domain/survey';
import type { UnitLayer } from './aggregate';
import { createLocalProjection, type LocalProjection } from './localProjection';
import { buildSegmentIndex, DEFAULT_SEGMENT_CELL_METERS, type SegmentIndex } from './segmentIndex';
import { ASSIGNMENT_REASONS, assignStreets, DEFAULT_MAX_SNAP_DISTANCE_METERS, type AssignmentReason, type StreetAssignment } from './streetAssignment';
import { buildStreetUnits, type StreetUnits } from './streetUnits';

/**
 * The facade's first half: domain records (as a Workspace holds them) turned once into typed arrays in local
 * metres, with streets merged, addresses and responses assigned to streets, and need masks per severity.
 * Every later query (another wave, need, weights, unit kind) reads these arrays; nothing scans the records again.
 * Inputs are read, never modified. Prepare once per data load: O(records) plus one snap per bare point.
 */

export interface DatasetInput {
  streets: readonly Street[];
  addresses: readonly Address[];
  areas: readonly Area[];
  responses: readonly SurveyResponse[];
  campaigns: readonly SurveyCampaign[];
}

export interface PrepareOptions {
  /** Bare points farther than this from every street segment stay unassigned (default 60 m). */
  maxSnapDistanceMeters?: number;
  /** Bucket size of the segment index (default 50 m). */
  segmentCellMeters?: number;
  /** Projection origin [lng, lat]; default the centre of the data's bounding box. */
  origin?: [number, number];
}

export interface DatasetDiagnostics {
  /** Responses in no street, with the reason (ids in input order). */
  unassignedToStreet: { ids: string[]; reasons: AssignmentReason[] };
  /** Count of responses per ASSIGNMENT_REASONS code for street assignment. */
  streetReasonCounts: Record<AssignmentReason, number>;
  /** Addresses whose street is unknown and whose point is farther than the snap distance from every street. */
  addressesWithoutStreet: string[];
  /** Responses naming a campaign that does not exist: they count only in queries without a campaign filter. */
  responsesWithUnknownCampaign: string[];
  duplicateAddressIds: string[];
  duplicateResponseIds: string[];
  mergedStreets: { unitId: string; streetIds: string[] }[];
  unnamedStreetIds: string[];
  skippedStreetSegments: number;
}

export interface PreparedDataset {
  readonly projection: LocalProjection;
  readonly streets: StreetUnits;
  readonly segmentIndex: SegmentIndex;
  readonly maxSnapDistanceMeters: number;

  readonly addressIds: readonly string[];
  readonly addressXs: Float64Array;
  readonly addressYs: Float64Array;
  readonly addressLngs: Float64Array;
  readonly addressLats: Float64Array;
  /** Households per address; NaN where the register gave no count (unknown, so every sum over it is unknown too). */
  readonly addressHouseholds: Float64Array;
  /** Street unit per address, -1 when none. */
  readonly addressStreetUnit: Int32Array;

  readonly responseIds: readonly string[];
  /** The response's point: its address's location, else its own; NaN when it has none. */
  readonly responseXs: Float64Array;
  readonly responseYs: Float64Array;
  readonly responseLngs: Float64Array;
  readonly responseLats: Float64Array;
  /** 1 when the response has a point at all (address or location), even an invalid one. */
  readonly responseHasPoint: Uint8Array;
  /** Index into campaignIds, -1 for an unknown campaign. */
  readonly responseCampaign: Int32Array;
  readonly campaignIds: readonly string[];
  /** Need bitmasks (bit j = NEED_CATEGORY_IDS[j]) for minimum severity 1, 2 and 3. */
  readonly needMasksBySeverity: readonly [Uint16Array, Uint16Array, Uint16Array];
  /** Offer bitmasks (bit j = OFFER_IDS[j]): what the household offers to the community. */
  readonly offerMasks: Uint16Array;
  readonly streetAssignment: StreetAssignment;

  /** Areas sorted by id, with their kinds and rings in metres (flat x, y arrays per ring). */
  readonly areas: readonly PreparedArea[];

  readonly diagnostics: DatasetDiagnostics;
  /** Unit layers built so far (streets, area kinds, hex sizes, H3 resolutions), by key. Internal cache. */
  readonly layerCache: Map<string, UnitLayer>;
}

export interface PreparedArea {
  id: string;
  name: string;
  kind: string;
  parentId: string | undefined;
  rings: Float64Array[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function dataOrigin(input: DatasetInput): [number, number] {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  const add = (p: readonly number[] | undefined) => {
    const lng = p?.[0];
    const lat = p?.[1];
    if (typeof lng !== 'number' || typeof lat !== 'number' || !Number.isFinite(lng) || !Number.isFinite(lat)) return;
    if (lng < minLng) minLng = lng;
    if (lng > maxLng) maxLng = lng;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  };
  for (const a of input.addresses) add(a.location?.coordinates);
  for (const s of input.streets) for (const line of s.geometry?.coordinates ?? []) for (const p of line) add(p);
  for (const r of input.responses) add(r.location?.coordinates);
  if (minLng > maxLng) {
    for (const area of input.areas) for (const ring of areaRingsOf(area)) for (const p of ring) add(p);
  }
  if (minLng > maxLng) return [0, 0];
  return [(minLng + maxLng) / 2, Math.max(-85, Math.min(85, (minLat + maxLat) / 2))];
}

/** Every ring of a (multi)polygon in local metres, flat [x0, y0, x1, y1, …] (outer rings and holes alike: even–odd). */
export function projectedRings(geometry: Area['geometry'], projection: LocalProjection): Float64Array[] {
  return areaRingsOf({ geometry }).map((ring) => {
    const flat = new Float64Array(ring.length * 2);
    for (let i = 0; i < ring.length; i++) {
      const [x, y] = projection.forward(ring[i]![0]!, ring[i]![1]!);
      flat[2 * i] = x;
      flat[2 * i + 1] = y;
    }
    return flat;
  });
}

function areaRingsOf(area: Pick<Area, 'geometry'>): readonly (readonly (readonly number[])[])[] {
  const g = area.geometry;
  if (!g) return [];
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  return [];
}

/**
 * Prepares domain records for analysis. Throws only on broken invariants (none expected from parsed input);
 * bad records end up in `diagnostics`.
 * @example const ds = prepareDataset({ streets, addresses, areas, responses, campaigns });
 *          aggregateDataset(ds, { kind: 'street' }, { campaignIds: ['wave-2024'] })
 */
export function prepareDataset(input: DatasetInput, options: PrepareOptions = {}): PreparedDataset {
  const maxSnapDistanceMeters = options.maxSnapDistanceMeters ?? DEFAULT_MAX_SNAP_DISTANCE_METERS;
  const [originLng, originLat] = options.origin ?? dataOrigin(input);
  const projection = createLocalProjection(originLng, originLat);
  const streets = buildStreetUnits(input.streets, projection);
  const segmentIndex = buildSegmentIndex(streets.x0s, streets.y0s, streets.x1s, streets.y1s, options.segmentCellMeters ?? DEFAULT_SEGMENT_CELL_METERS);

  // Addresses, in input order (sums do not depend on it); the first of duplicate ids wins.
  const addressCount = input.addresses.length;
  const addressIds: string[] = new Array(addressCount);
  const addressLngs = new Float64Array(addressCount);
  const addressLats = new Float64Array(addressCount);
  const addressXs = new Float64Array(addressCount);
  const addressYs = new Float64Array(addressCount);
  const addressHouseholds = new Float64Array(addressCount);
  const addressIndexById = new Map<string, number>();
  const duplicateAddressIds: string[] = [];
  const aIndex = new Int32Array(addressCount).fill(-1);
  const aGiven = new Uint8Array(addressCount);
  const aOwnStreet = new Int32Array(addressCount).fill(-1);
  const aStreetGiven = new Uint8Array(addressCount).fill(1);
  const aHasPoint = new Uint8Array(addressCount);
  for (let i = 0; i < addressCount; i++) {
    const a = input.addresses[i]!;
    addressIds[i] = a.id;
    if (addressIndexById.has(a.id)) duplicateAddressIds.push(a.id);
    else addressIndexById.set(a.id, i);
    const c = a.location?.coordinates;
    addressLngs[i] = typeof c?.[0] === 'number' ? c[0] : NaN;
    addressLats[i] = typeof c?.[1] === 'number' ? c[1] : NaN;
    aHasPoint[i] = c ? 1 : 0;
    const h = a.households;
    addressHouseholds[i] = h === undefined || h === null ? Number.NaN : typeof h === 'number' && Number.isFinite(h) && h > 0 ? h : 0;
    aOwnStreet[i] = streets.unitOfStreetId.get(a.streetId) ?? -1;
  }
  projection.forwardInto(addressLngs, addressLats, addressXs, addressYs);
  const addressAssignment = assignStreets({
    addressIndex: aIndex,
    addressIdGiven: aGiven,
    ownStreetUnit: aOwnStreet,
    streetIdGiven: aStreetGiven,
    xs: addressXs,
    ys: addressYs,
    hasPoint: aHasPoint,
    addressStreetUnit: new Int32Array(0),
    segmentIndex,
    segmentUnit: streets.segmentUnit,
    maxDistanceMeters: maxSnapDistanceMeters,
  });
  const addressStreetUnit = addressAssignment.unit;
  const addressesWithoutStreet: string[] = [];
  for (let i = 0; i < addressCount; i++) if (addressStreetUnit[i]! < 0) addressesWithoutStreet.push(addressIds[i]!);

  const campaignIds = [...new Set(input.campaigns.map((c) => c.id))].sort(byString);
  const campaignIndexById = new Map(campaignIds.map((id, i) => [id, i]));

  const n = input.responses.length;
  const responseIds: string[] = new Array(n);
  const responseLngs = new Float64Array(n);
  const responseLats = new Float64Array(n);
  const responseXs = new Float64Array(n);
  const responseYs = new Float64Array(n);
  const responseHasPoint = new Uint8Array(n);
  const responseCampaign = new Int32Array(n);
  const masks: [Uint16Array, Uint16Array, Uint16Array] = [new Uint16Array(n), new Uint16Array(n), new Uint16Array(n)];
  const rAddress = new Int32Array(n).fill(-1);
  const rAddressGiven = new Uint8Array(n);
  const rOwnStreet = new Int32Array(n).fill(-1);
  const rStreetGiven = new Uint8Array(n);
  const offerMasks = new Uint16Array(n);
  const needBit = new Map<string, number>(NEED_CATEGORY_IDS.map((id, j) => [id, 1 << j]));
  const offerBit = new Map<string, number>(OFFER_IDS.map((id, j) => [id, 1 << j]));
  const seenResponse = new Set<string>();
  const duplicateResponseIds: string[] = [];
  const responsesWithUnknownCampaign: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = input.responses[i]!;
    responseIds[i] = r.id;
    if (seenResponse.has(r.id)) duplicateResponseIds.push(r.id);
    else seenResponse.add(r.id);
    const campaign = campaignIndexById.get(r.campaignId);
    responseCampaign[i] = campaign ?? -1;
    if (campaign === undefined) responsesWithUnknownCampaign.push(r.id);
    let lng = NaN;
    let lat = NaN;
    if (r.addressId !== undefined) {
      rAddressGiven[i] = 1;
      const a = addressIndexById.get(r.addressId);
      if (a !== undefined) {
        rAddress[i] = a;
        lng = addressLngs[a]!;
        lat = addressLats[a]!;
        responseHasPoint[i] = aHasPoint[a]!;
      }
    }
    if (responseHasPoint[i] === 0 && r.location) {
      lng = r.location.coordinates?.[0] ?? NaN;
      lat = r.location.coordinates?.[1] ?? NaN;
      responseHasPoint[i] = 1;
    }
    responseLngs[i] = lng;
    responseLats[i] = lat;
    if (r.streetId !== undefined) {
      rStreetGiven[i] = 1;
      rOwnStreet[i] = streets.unitOfStreetId.get(r.streetId) ?? -1;
    }
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    for (const need of r.needs ?? []) {
      const bit = needBit.get(need.category) ?? 0;
      m1 |= bit;
      if (need.severity >= 2) m2 |= bit;
      if (need.severity >= 3) m3 |= bit;
    }
    masks[0][i] = m1;
    masks[1][i] = m2;
    masks[2][i] = m3;
    let offers = 0;
    for (const offer of r.offers ?? []) offers |= offerBit.get(offer) ?? 0;
    offerMasks[i] = offers;
  }
  projection.forwardInto(responseLngs, responseLats, responseXs, responseYs);
  const streetAssignment = assignStreets({
    addressIndex: rAddress,
    addressIdGiven: rAddressGiven,
    ownStreetUnit: rOwnStreet,
    streetIdGiven: rStreetGiven,
    xs: responseXs,
    ys: responseYs,
    hasPoint: responseHasPoint,
    addressStreetUnit,
    segmentIndex,
    segmentUnit: streets.segmentUnit,
    maxDistanceMeters: maxSnapDistanceMeters,
  });

  const streetReasonCounts = Object.fromEntries(ASSIGNMENT_REASONS.map((r) => [r, 0])) as Record<AssignmentReason, number>;
  const unassignedIds: string[] = [];
  const unassignedReasons: AssignmentReason[] = [];
  for (let i = 0; i < n; i++) {
    const reason = ASSIGNMENT_REASONS[streetAssignment.reason[i]!]!;
    streetReasonCounts[reason]++;
    if (streetAssignment.unit[i]! < 0) {
      unassignedIds.push(responseIds[i]!);
      unassignedReasons.push(reason);
    }
  }

  const areas: PreparedArea[] = [...input.areas]
    .sort((a, b) => byString(a.id, b.id))
    .map((area) => ({
      id: area.id,
      name: area.name,
      kind: area.kind,
      parentId: area.parentId,
      rings: projectedRings(area.geometry, projection),
    }));

  return {
    projection,
    streets,
    segmentIndex,
    maxSnapDistanceMeters,
    addressIds,
    addressXs,
    addressYs,
    addressLngs,
    addressLats,
    addressHouseholds,
    addressStreetUnit,
    responseIds,
    responseXs,
    responseYs,
    responseLngs,
    responseLats,
    responseHasPoint,
    responseCampaign,
    campaignIds,
    needMasksBySeverity: masks,
    offerMasks,
    streetAssignment,
    areas,
    diagnostics: {
      unassignedToStreet: { ids: unassignedIds, reasons: unassignedReasons },
      streetReasonCounts,
      addressesWithoutStreet,
      responsesWithUnknownCampaign,
      duplicateAddressIds,
      duplicateResponseIds,
      mergedStreets: streets.diagnostics.merged,
      unnamedStreetIds: streets.diagnostics.unnamedStreetIds,
      skippedStreetSegments: streets.diagnostics.skippedSegments,
    },
    layerCache: new Map(),
  };
}
