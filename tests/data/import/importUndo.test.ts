import { describe, expect, it } from 'vitest';
import { importUndoChanges } from '../../../src/data/import/importUndo';
import type { Street } from '../../../src/domain';
import { deepFreeze, townWorkspace } from './fixtures';

describe('importUndoChanges', () => {
  it('deletes what the import adds and restores what it replaces, per collection', () => {
    const workspace = deepFreeze(townWorkspace());
    const existing = workspace.streets[0]!;
    const replaced: Street = { ...existing, geometry: { type: 'MultiLineString', coordinates: [[[20, 50], [20.01, 50.01]]] } };
    const added: Street = { ...existing, id: 'street-nowa', name: 'Nowa' };
    const undo = importUndoChanges({ streets: [replaced, added], addresses: [], resources: [], responses: [] }, workspace);
    expect(undo).toEqual({ upserts: { streets: [existing] }, deletes: { streets: ['street-nowa'] } });
    expect(importUndoChanges({ streets: [], addresses: [], resources: [], responses: [] }, workspace)).toEqual({ upserts: {}, deletes: {} });
  });
});
