import type { z } from 'zod';

/**
 * The browser's localStorage, where it can be used: private windows and locked-down office browsers throw on access
 * or on write. Small settings only (language, the open workspace, where a volunteer was); records live in IndexedDB.
 */
export function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * A stored JSON value, parsed with its schema: anything missing, unreadable or of another shape (an older build, a
 * hand-edited value) is `undefined`, never trusted.
 */
export function readStored<S extends z.ZodType>(key: string, schema: S, storage: Storage | undefined = safeLocalStorage()): z.infer<S> | undefined {
  try {
    const text = storage?.getItem(key);
    if (text === null || text === undefined) return undefined;
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a JSON value; false when the browser refuses (full or disabled storage: the app works on without it). */
export function writeStored(key: string, value: unknown, storage: Storage | undefined = safeLocalStorage()): boolean {
  try {
    if (!storage) return false;
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
