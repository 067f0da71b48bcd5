/**
 * Cancellation for the DataSource adapters, embedded and Supabase (STYLE.md habit 12): every async call takes an AbortSignal,
 * and an abort always rejects with a DOMException named "AbortError", whatever reason the caller gave,
 * so the UI can tell "cancelled" from "failed" with one check (`isAbortError`).
 */

export function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/**
 * Settles like `work`, unless `signal` aborts first: then rejects with an AbortError at once.
 * The work itself keeps running (an IndexedDB read cannot be cancelled); its result is dropped.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
