import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Lead = Schemas['LeadResponse'];
export type LeadDetail = Schemas['LeadDetailResponse'];
export type QueueItem = Schemas['QueueItemResponse'];
export type FollowUp = Schemas['FollowUpResponse'];
export type ApiErrorBody = Schemas['Error'];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;

/** The session's CSRF token, sent on every unsafe request (the contract's X-CSRF-Token). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Where to go to sign in, coming back to the page the person is on. */
export function signInUrl(returnTo = currentPath()): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}

function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

let leaving = false;

/**
 * A 401 means the session ended (expired or signed out elsewhere): go and sign in again. Drafts
 * are already in sessionStorage (lib/drafts.ts), so nothing typed is lost.
 */
export function goSignIn(): void {
  if (leaving) return;
  leaving = true;
  window.location.assign(signInUrl());
}

const session: Middleware = {
  onRequest({ request }) {
    if (UNSAFE.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) goSignIn();
    return response;
  },
};

/** The one API client: same origin, the session cookie, types from docs/openapi.json. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

/** An API error as the console shows it: the public error body plus the status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.error.message ?? `The server answered ${status}.`);
  }

  get code(): string | null {
    return this.body?.error.code ?? null;
  }

  /** Field errors by field name, to show beside their inputs. */
  get fields(): Record<string, string> {
    return Object.fromEntries((this.body?.error.fields ?? []).map((f) => [f.field, f.message]));
  }

  get requestId(): string | null {
    return this.body?.error.requestId ?? null;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    'error' in value &&
    typeof (value as { error: unknown }).error === 'object'
  );
}

/** The data of an openapi-fetch result, or an ApiError thrown (for TanStack Query). */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  throw new ApiError(result.response.status, isErrorBody(result.error) ? result.error : null);
}

/** The If-Match header of a write based on this version of the lead. */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}
