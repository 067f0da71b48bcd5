/** Moved to src/data/abort.ts (shared by the embedded and Supabase adapters); kept so existing imports still work. */
export { abortError, isAbortError, raceAbort, throwIfAborted } from '../abort';
