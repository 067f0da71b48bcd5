import { createSupabaseDataSource, type SupabaseDataSource } from '../../../src/data/supabase';

/**
 * A recording fetch for contract tests: no PostgREST imitation, just canned replies in order. Each test says which
 * request it expects next and what the server answers; the recorded requests are asserted exactly.
 */

export const PROJECT_URL = 'https://abcdefghijklmnop.supabase.co';
export const ANON_KEY = 'anon-key-for-tests';
export const USER_ID = '7d3a3c2e-4d52-4f43-9d1c-2b1f9a3e5c11';
export const EMAIL = 'koordynator@ops-testowo.pl';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A JWT-shaped token (auth-js reads its claims; nothing verifies the signature here). */
export const ACCESS_TOKEN = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: USER_ID, role: 'authenticated', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600, email: EMAIL })}.c2lnbmF0dXJl`;

/** GoTrue's reply to POST /auth/v1/token?grant_type=password. */
export const SESSION_REPLY = {
  access_token: ACCESS_TOKEN,
  token_type: 'bearer',
  expires_in: 3600,
  expires_at: Math.floor(Date.now() / 1000) + 3600,
  refresh_token: 'refresh-token-1',
  user: { id: USER_ID, aud: 'authenticated', role: 'authenticated', email: EMAIL, app_metadata: { provider: 'email' }, user_metadata: {}, created_at: '2025-01-01T00:00:00Z' },
};

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/rest/v1/rpc/save_record`. */
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined. */
  body: unknown;
}

/** A canned reply: JSON with a status, a raw text body, or a network failure (fetch rejects). */
export type Reply = { status: number; json?: unknown; text?: string } | { networkError: string } | { hangUntilAborted: true };

export interface Stub {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  /** Queues the reply for the next request. */
  reply(reply: Reply): void;
  /** Resolves once a request answered with `hangUntilAborted` is in flight: the moment to abort it (no fixed sleep). */
  hanging(): Promise<void>;
  /** How many hanging requests were ended by their AbortSignal: proof that the caller's signal reached fetch. */
  abortedInFlight(): number;
}

export function stubFetch(): Stub {
  const requests: RecordedRequest[] = [];
  const queue: Reply[] = [];
  let abortedInFlight = 0;
  let markHanging: () => void = () => {};
  let hanging = new Promise<void>((resolve) => (markHanging = resolve));
  const fetchStub = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const text = typeof init.body === 'string' ? init.body : undefined;
    requests.push({ method: init.method ?? 'GET', path: `${url.pathname}${url.search}`, headers, body: text === undefined || text === '' ? undefined : JSON.parse(text) });
    if (init.signal?.aborted) throw new DOMException('This operation was aborted', 'AbortError');
    const next = queue.shift();
    if (!next) throw new Error(`unexpected request ${init.method ?? 'GET'} ${url.pathname}${url.search}`);
    if ('networkError' in next) throw new TypeError(next.networkError);
    if ('hangUntilAborted' in next) {
      const inFlight = new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => {
          abortedInFlight += 1;
          reject(new DOMException('This operation was aborted', 'AbortError'));
        }, { once: true });
      });
      markHanging();
      hanging = new Promise<void>((resolve) => (markHanging = resolve));
      return inFlight;
    }
    const body = next.status === 204 ? null : next.text ?? JSON.stringify(next.json);
    return new Response(body, { status: next.status, headers: { 'content-type': 'application/json; charset=utf-8' } });
  };
  return { fetch: fetchStub as typeof fetch, requests, reply: (r) => queue.push(r), hanging: () => hanging, abortedInFlight: () => abortedInFlight };
}

/** The adapter over the stub, with nothing persisted or refreshed in the background. */
export function stubbedDataSource(stub: Stub, organisationId?: string): SupabaseDataSource {
  return createSupabaseDataSource({
    url: PROJECT_URL,
    anonKey: ANON_KEY,
    ...(organisationId === undefined ? {} : { organisationId }),
    clientOptions: { global: { fetch: stub.fetch }, auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } },
  });
}

/** Signs the adapter in through the stub and forgets the sign-in request. */
export async function signedIn(stub: Stub, organisationId?: string): Promise<SupabaseDataSource> {
  const source = stubbedDataSource(stub, organisationId);
  stub.reply({ status: 200, json: SESSION_REPLY });
  const result = await source.signIn(EMAIL, 'correct horse battery staple');
  if (!result.ok) throw new Error(result.message);
  stub.requests.length = 0;
  return source;
}

/** Queues the memberships reply (GET /rest/v1/memberships). */
export function replyMemberships(stub: Stub, rows: { organisation_id: string; role: string }[]): void {
  stub.reply({ status: 200, json: rows });
}
