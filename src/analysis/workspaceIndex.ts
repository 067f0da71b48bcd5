import { streetLabel, type Address, type Area, type Resource, type Street, type Workspace } from '../domain';
import { pointInGeometry } from './pointInArea';

/** Households and address points on one street, or in one area. */
export interface HouseholdTally { addresses: number; households: number }

/**
 * Look-ups the panels need: records by id and household tallies. Tallies are plain counts of what the records say
 * (no sampling, no estimation); an address is in an area by the product's one point-in-area rule (pointInArea.ts,
 * even–odd), the same the need map's area aggregation uses.
 */
export interface WorkspaceIndex {
  streets: ReadonlyMap<string, Street>;
  areas: ReadonlyMap<string, Area>;
  addresses: ReadonlyMap<string, Address>;
  resources: ReadonlyMap<string, Resource>;
  /** Every record of the street a record belongs to (same prefix and name, as the engine merges them), in input order. */
  streetRecords(streetId: string): readonly string[];
  /** Tally per street id (streets with no address are absent: read as zero). */
  streetTally(streetId: string): HouseholdTally;
  /** Tally of address points inside an area (point in polygon), computed on first ask and remembered. */
  areaTally(areaId: string): HouseholdTally;
  totalHouseholds: number;
  districtCount: number;
  estateCount: number;
  /** "ul. Słoneczna 12", or just the number when the street is unknown. */
  addressLabel(address: Address): string;
}

/** Builds the index in O(records); area tallies cost O(addresses) each, on demand. */
export function buildWorkspaceIndex(workspace: Workspace): WorkspaceIndex {
  const byId = <T extends { id: string }>(records: readonly T[]) => new Map(records.map((r) => [r.id, r]));
  const streets = byId(workspace.streets);
  const areas = byId(workspace.areas);
  const addresses = byId(workspace.addresses);
  const resources = byId(workspace.resources);

  const streetTallies = new Map<string, HouseholdTally>();
  let totalHouseholds = 0;
  for (const a of workspace.addresses) {
    const tally = streetTallies.get(a.streetId) ?? { addresses: 0, households: 0 };
    tally.addresses += 1;
    tally.households += a.households ?? Number.NaN; // one unknown count makes the sum unknown
    streetTallies.set(a.streetId, tally);
    totalHouseholds += a.households ?? Number.NaN;
  }

  const areaTallies = new Map<string, HouseholdTally>();
  const areaTally = (areaId: string): HouseholdTally => {
    const cached = areaTallies.get(areaId);
    if (cached) return cached;
    const area = areas.get(areaId);
    const tally = { addresses: 0, households: 0 };
    if (area) {
      for (const a of workspace.addresses) {
        if (pointInGeometry(a.location.coordinates[0], a.location.coordinates[1], area.geometry)) {
          tally.addresses += 1;
          tally.households += a.households ?? Number.NaN;
        }
      }
    }
    areaTallies.set(areaId, tally);
    return tally;
  };

  const recordsByLabel = new Map<string, string[]>();
  for (const s of workspace.streets) {
    const label = streetLabel(s);
    const list = recordsByLabel.get(label) ?? [];
    list.push(s.id);
    recordsByLabel.set(label, list);
  }
  const streetRecords = (streetId: string): readonly string[] => {
    const street = streets.get(streetId);
    return street ? (recordsByLabel.get(streetLabel(street)) ?? [streetId]) : [streetId];
  };

  return {
    streets,
    streetRecords,
    areas,
    addresses,
    resources,
    streetTally: (streetId) => streetTallies.get(streetId) ?? { addresses: 0, households: 0 },
    areaTally,
    totalHouseholds,
    districtCount: workspace.areas.filter((a) => a.kind === 'district').length,
    estateCount: workspace.areas.filter((a) => a.kind === 'estate').length,
    addressLabel: (address) => {
      const street = streets.get(address.streetId);
      return street ? `${streetLabel(street)} ${address.houseNumber}` : address.houseNumber;
    },
  };
}
