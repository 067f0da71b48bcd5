import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openOverlayDatabase, putEntries, readStoredEntries } from '../../../src/data/embedded/overlayDatabase';
import type { OverlayEntry } from '../../../src/data/embedded/overlayEntry';
import { collections, deepFrozen } from './fixtures';

const entry = (id: string): OverlayEntry => deepFrozen({ v: 1, collection: 'addresses', id, op: 'upsert', record: { ...collections.addresses[0]!, id } });

describe('overlay database', () => {
  it('aborts a transaction in flight when the signal aborts: nothing of the batch is stored', async () => {
    const db = await openOverlayDatabase(new IDBFactory(), 'abort-test');
    const controller = new AbortController();
    const writing = putEntries(db, [entry('a-1'), entry('a-2')], controller.signal); // the transaction exists now
    controller.abort();
    await expect(writing).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readStoredEntries(db)).toEqual([]);
  });

  it('stores nothing of a batch when one entry cannot be stored, and rejects with the browser error', async () => {
    const db = await openOverlayDatabase(new IDBFactory(), 'clone-test');
    const unclonable = { ...entry('a-2'), record: { ...collections.addresses[0]!, id: 'a-2', households: () => 1 } } as unknown as OverlayEntry;
    await expect(putEntries(db, [entry('a-1'), unclonable])).rejects.toMatchObject({ name: 'DataCloneError' });
    expect(await readStoredEntries(db)).toEqual([]);
  });

  it('keeps one entry per (collection, id): a second save replaces the first', async () => {
    const db = await openOverlayDatabase(new IDBFactory(), 'key-test');
    await putEntries(db, [entry('a-1')]);
    await putEntries(db, [{ v: 1, collection: 'addresses', id: 'a-1', op: 'delete' }]);
    expect(await readStoredEntries(db)).toEqual([{ v: 1, collection: 'addresses', id: 'a-1', op: 'delete' }]);
  });
});
