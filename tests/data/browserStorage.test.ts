import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readStored, writeStored } from '../../src/data/browserStorage';

/** A Storage over a Map; `refuse` makes every call throw, as a locked-down or full browser storage does. */
function memoryStorage(refuse = false): Storage {
  const items = new Map<string, string>();
  const guard = () => {
    if (refuse) throw new DOMException('denied', 'SecurityError');
  };
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => (guard(), items.get(k) ?? null),
    setItem: (k, v) => (guard(), void items.set(k, String(v))),
    removeItem: (k) => void items.delete(k),
  };
}

const Remembered = z.object({ v: z.literal(1), streetId: z.string().optional() });

describe('browser storage', () => {
  it('reads back what it wrote, parsed with the schema', () => {
    const storage = memoryStorage();
    expect(writeStored('k', { v: 1, streetId: 'street-polna' }, storage)).toBe(true);
    expect(readStored('k', Remembered, storage)).toEqual({ v: 1, streetId: 'street-polna' });
  });

  it('never trusts what it finds: missing, garbage, another shape or version is undefined', () => {
    const storage = memoryStorage();
    expect(readStored('missing', Remembered, storage)).toBeUndefined();
    storage.setItem('garbage', '{not json');
    expect(readStored('garbage', Remembered, storage)).toBeUndefined();
    storage.setItem('old', JSON.stringify({ v: 0, streetId: 'x' }));
    expect(readStored('old', Remembered, storage)).toBeUndefined();
    storage.setItem('shape', JSON.stringify({ v: 1, streetId: 42 }));
    expect(readStored('shape', Remembered, storage)).toBeUndefined();
  });

  it('works on when the browser refuses storage', () => {
    const storage = memoryStorage(true);
    expect(writeStored('k', { v: 1 }, storage)).toBe(false);
    expect(readStored('k', Remembered, storage)).toBeUndefined();
    expect(writeStored('k', { v: 1 }, undefined)).toBe(false);
  });
});
