import type { Workspace } from '../../src/domain/workspace';
import { syntheticTown } from '../../bench/syntheticTown';

/** A small valid Workspace (the seeded synthetic town: 2 waves, estates, districts) for the worker tests. */
export function smallWorkspace(): Workspace {
  const town = syntheticTown({ seed: 5, blocks: 6, addresses: 300, responses: 900 });
  return {
    v: 1,
    organisation: { id: 'ops-test', name: 'OPS Testowo', kind: 'OPS', gminaTeryt: '1220011', town: 'Testowo' },
    areas: town.areas,
    streets: town.streets,
    addresses: town.addresses,
    campaigns: town.campaigns,
    responses: town.responses,
    resources: [{ id: 'res-1', name: 'Biblioteka', kind: 'library', location: { type: 'Point', coordinates: [19.003, 50.002] }, serves: ['children_youth_leisure'], coalitions: [] }],
    groups: [],
    programmes: [],
    events: [],
  };
}
