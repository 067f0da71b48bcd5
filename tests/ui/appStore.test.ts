import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY, createAppStore, initialAppState, refitDone, requestReload, select, setGroupVisible, setLanguage } from '../../src/ui/shell/appStore';

const memoryStorage = (initial: Record<string, string> = {}) => {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
};

describe('the app store', () => {
  it('starts in Polish with every layer group on, or in the remembered language', () => {
    const state = initialAppState(memoryStorage());
    expect(state.language).toBe('pl');
    expect(Object.values(state.visibleGroups).every(Boolean)).toBe(true);
    expect(initialAppState(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'en' })).language).toBe('en');
  });

  it('still opens when storage throws', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    const store = createAppStore(initialAppState(broken));
    setLanguage(store, 'en', broken);
    expect(store.getState().language).toBe('en');
  });

  it('remembers the language and notifies listeners once per real change', () => {
    const storage = memoryStorage();
    const store = createAppStore(initialAppState(storage));
    let calls = 0;
    store.subscribe(() => calls++);
    setLanguage(store, 'en', storage);
    setLanguage(store, 'en', storage);
    expect(storage.data.get(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(calls).toBe(1);
    setGroupVisible(store, 'addresses', false);
    setGroupVisible(store, 'addresses', false);
    expect(store.getState().visibleGroups.addresses).toBe(false);
    expect(calls).toBe(2);
  });

  it('selects, ignores a repeated selection, and clears it on reload', () => {
    const store = createAppStore(initialAppState());
    select(store, { kind: 'street', id: 's1' });
    const before = store.getState();
    select(store, { kind: 'street', id: 's1' });
    expect(store.getState()).toBe(before);
    requestReload(store);
    expect(store.getState().selection).toBeNull();
    expect(store.getState().loadGeneration).toBe(1);
  });
});

describe('refit after an import', () => {
  it('asks the map to fit the town of the next load only, and forgets the request once fitted', () => {
    const store = createAppStore(initialAppState());
    requestReload(store);
    expect(store.getState()).toMatchObject({ loadGeneration: 1, refitGeneration: null });
    requestReload(store, { refit: true });
    expect(store.getState()).toMatchObject({ loadGeneration: 2, refitGeneration: 2 });
    refitDone(store, 1); // an older fit: the request stays
    expect(store.getState().refitGeneration).toBe(2);
    refitDone(store, 2);
    expect(store.getState().refitGeneration).toBeNull();
  });
});
