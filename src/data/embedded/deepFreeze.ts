/**
 * Freezes a plain JSON-like value and everything inside it, in place, and returns it.
 * The embedded adapter caches the parsed demo town and hands the same record objects to every
 * `loadWorkspace`; freezing them turns an accidental mutation by a caller into an immediate TypeError
 * instead of a silently corrupted cache. O(number of objects and arrays inside).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
