import { parse } from 'cookie';
import type { CookieOptions, Request } from 'express';

/** The console's session: HttpOnly, so no script ever reads it. */
export const SESSION_COOKIE = 'intake_session';
/** Ties a sign-in at the provider to the browser that started it (login CSRF). */
export const LOGIN_COOKIE = 'intake_login';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The session cookie's attributes. SameSite=Lax: sent on the provider's redirect back (a
 * top-level GET) but not on another site's POST or fetch. Secure everywhere but plain-http
 * localhost, where a browser would drop it.
 */
export function sessionCookieOptions(local: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: !local };
}

/** The sign-in binding lives only as long as a sign-in may take. */
export function loginCookieOptions(local: boolean, maxAgeMs: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: !local, maxAge: maxAgeMs };
}

export function cookieOf(request: Request, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  const value = parse(header)[name];
  return value === undefined || value === '' ? null : value;
}

export function csrfHeaderOf(request: Request): string | undefined {
  const value = request.headers[CSRF_HEADER];
  return typeof value === 'string' ? value : undefined;
}
