import type { Request } from 'express';
import { cookieOf, loginCookieOptions, sessionCookieOptions } from './session-cookie';

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, for the whole site, and Secure except on local http', () => {
    expect(sessionCookieOptions(false)).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: true,
    });
    expect(sessionCookieOptions(true)).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: false,
    });
    // A browser session cookie: no Max-Age, so it never outlives the server-side limits.
    expect(sessionCookieOptions(false)).not.toHaveProperty('maxAge');
  });

  it('binds a sign-in to its browser for as long as a sign-in may take', () => {
    expect(loginCookieOptions(false, 600_000)).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: true,
      maxAge: 600_000,
    });
  });

  it('is read from the Cookie header', () => {
    const request = (cookie?: string) => ({ headers: cookie ? { cookie } : {} }) as Request;
    expect(cookieOf(request('a=1; intake_session=abc; b=2'), 'intake_session')).toBe('abc');
    expect(cookieOf(request('intake_session='), 'intake_session')).toBeNull();
    expect(cookieOf(request(), 'intake_session')).toBeNull();
  });
});
