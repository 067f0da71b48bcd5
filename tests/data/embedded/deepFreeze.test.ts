import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../src/data/embedded/deepFreeze';

describe('deepFreeze (the embedded adapter’s cached demo town)', () => {
  it('freezes the value and everything inside it, in place, and returns the same value', () => {
    const town = { streets: [{ id: 's1', geometry: { type: 'MultiLineString', coordinates: [[[19.3, 50.15], [19.31, 50.15]]] } }], organisation: { name: 'MOPS' } };
    expect(deepFreeze(town)).toBe(town);
    const point = town.streets[0]!.geometry.coordinates[0]![0]!;
    expect([Object.isFrozen(town), Object.isFrozen(town.streets), Object.isFrozen(town.streets[0]!.geometry), Object.isFrozen(point), Object.isFrozen(town.organisation)]).toEqual([true, true, true, true, true]);
    // A caller's accidental write is a TypeError (ES modules are strict), not a silently corrupted cache.
    expect(() => {
      point[0] = 0;
    }).toThrow(TypeError);
    expect(() => {
      (town.streets as unknown[]).push({});
    }).toThrow(TypeError);
    expect(point[0]).toBe(19.3);
  });

  it('passes primitives and null through', () => {
    expect([deepFreeze(3), deepFreeze('a'), deepFreeze(null), deepFreeze(undefined)]).toEqual([3, 'a', null, undefined]);
  });
});
