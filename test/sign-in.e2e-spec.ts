import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { Browser, formAction, Page } from './support/browser';
import { clockFor, minutesAfter, resumeClock, setClock } from './support/clock';
import {
  freePort,
  resetDatabase,
  staffWithKey,
  startApi,
  startIdp,
  startWorker,
  TestIdp,
  TEST_SETUP,
  testPool,
} from './support/harness';
import { SessionPruner, StaffService } from '@intake/access';
import { DEMO_PASSWORD } from '../apps/idp/src/demo-accounts';

/**
 * The console's sign-in end to end over HTTP: the api, the real local OpenID Provider (its own
 * login form), PostgreSQL, and a cookie jar in place of a browser.
 */
describe('console sign-in (OIDC code + PKCE, server-side sessions)', () => {
  let pool: Pool;
  let idp: TestIdp;
  let api: INestApplication;
  let base: string;
  const staff: Record<string, string> = {};
  const { at } = clockFor(() => [api]);

  const UNKNOWN = {
    sub: 'demo-uma',
    email: 'uma@clinic.example',
    name: 'Uma Unknown',
    role: 'coordinator' as const,
    alwaysWorking: false,
  };

  beforeAll(async () => {
    pool = testPool();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    idp = await startIdp(base, [UNKNOWN]);
    // Short enough that the absolute limit is reached in a few steps of the clock.
    api = await startApi({ ...idp.apiEnv, SESSION_MAX_HOURS: '2' }, undefined, port);
  });

  afterAll(async () => {
    await api?.close();
    await idp?.close();
    await pool?.end();
  });

  beforeEach(async () => {
    await resetDatabase(pool);
    const people = api.get(StaffService);
    for (const [name, email, role] of [
      ['Ada Admin', 'ada@clinic.example', 'admin'],
      ['Cora Coordinator', 'Cora@Clinic.example', 'coordinator'],
      ['Vic Viewer', 'vic@clinic.example', 'viewer'],
    ] as const) {
      staff[email.toLowerCase()] = (await people.create({ name, email, role }, TEST_SETUP)).id;
    }
    resumeClock(api);
  });

  /** Starts at /auth/login and stops at the provider's login form. */
  async function toLoginForm(browser: Browser, returnTo = '/console/leads?status=new') {
    const { page, steps } = await browser.follow(
      `${base}/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
    );
    expect(page.status).toBe(200);
    expect(page.url.origin).toBe(idp.issuer);
    return { page, authorize: new URL(steps[0]!.headers.get('location')!) };
  }

  /** The whole sign-in; returns where the api sent the browser at the end, and the callback. */
  async function signIn(
    browser: Browser,
    email: string,
    returnTo?: string,
  ): Promise<{ landed: URL | null; callback: Page; page: Page }> {
    const { page: form } = await toLoginForm(browser, returnTo);
    const result = await browser.follow(
      formAction(form),
      { form: { email, password: DEMO_PASSWORD } },
      (next) => next.origin === base && !next.pathname.startsWith('/auth/'),
    );
    const callback = result.steps.find((step) => step.url.pathname === '/auth/callback')!;
    return { landed: result.stoppedAt, callback, page: result.page };
  }

  async function api$(
    browser: Browser,
    method: string,
    path: string,
    options: { body?: unknown; csrf?: string; headers?: Record<string, string> } = {},
  ) {
    const cookie = browser.cookie(base, 'intake_session');
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(cookie ? { cookie: `intake_session=${cookie}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.csrf !== undefined ? { 'x-csrf-token': options.csrf } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const json = text !== '' && /json/.test(response.headers.get('content-type') ?? '');
    // The parsed body, as loosely typed as supertest's.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body: any = json ? JSON.parse(text) : text;
    return { status: response.status, headers: response.headers, body };
  }

  it('signs a coordinator in through the provider, with PKCE, onto an HttpOnly session cookie', async () => {
    const browser = new Browser();
    const { authorize } = await toLoginForm(browser);
    expect(authorize.origin + authorize.pathname).toBe(`${idp.issuer}/auth`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: 'intake-console',
      response_type: 'code',
      scope: 'openid email profile',
      redirect_uri: `${base}/auth/callback`,
      code_challenge_method: 'S256',
    });
    for (const name of ['state', 'nonce', 'code_challenge']) {
      expect(authorize.searchParams.get(name)).toMatch(/^[\w-]{20,}$/);
    }

    const { landed, callback } = await signIn(new Browser(), 'cora@clinic.example');
    expect(landed?.href).toBe(`${base}/console/leads?status=new`);
    const cookie = callback.setCookies.find((line) => line.startsWith('intake_session='))!;
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    // Plain http on 127.0.0.1: a Secure cookie would be dropped by the browser.
    expect(cookie).not.toMatch(/Secure/);
    // Only a hash is stored.
    const value = cookie.split(';')[0]!.split('=')[1]!;
    expect(
      await pool.query('SELECT 1 FROM auth_sessions WHERE token_hash = $1', [value]),
    ).toMatchObject({ rowCount: 0 });
  });

  it('serves the session, /v1 calls with the cookie, and CSRF on writes', async () => {
    const browser = new Browser();
    await signIn(browser, 'cora@clinic.example');
    const cora = staff['cora@clinic.example']!;

    const session = await api$(browser, 'GET', '/auth/session');
    expect(session.status).toBe(200);
    expect(session.headers.get('cache-control')).toBe('no-store');
    expect(session.body.staff).toEqual({
      id: cora,
      name: 'Cora Coordinator',
      email: 'Cora@Clinic.example',
      role: 'coordinator',
    });
    expect(session.body.csrfToken).toMatch(/^[\w-]{43}$/);
    const expiresIn = Date.parse(session.body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(29 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(30 * 60_000);

    const me = await api$(browser, 'GET', '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.staff.id).toBe(cora);
    expect(me.body.credential).toBe('session');

    // The subject was recorded on first sight, by the verified email.
    const linked = await pool.query('SELECT oidc_issuer, oidc_subject FROM staff WHERE id = $1', [
      cora,
    ]);
    expect(linked.rows[0]).toEqual({ oidc_issuer: idp.issuer, oidc_subject: 'demo-cora' });

    const away = {
      startsAt: '2027-01-04T00:00:00Z',
      endsAt: '2027-01-05T00:00:00Z',
      reason: 'training',
    };
    const path = `/v1/staff/${cora}/away-periods`;
    const none = await api$(browser, 'POST', path, { body: away });
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe('AUTH.CSRF_REQUIRED');
    const wrong = await api$(browser, 'POST', path, { body: away, csrf: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('AUTH.CSRF_REQUIRED');
    expect(await countRows('staff_away_periods')).toBe(0);

    const ok = await api$(browser, 'POST', path, { body: away, csrf: session.body.csrfToken });
    expect(ok.status).toBe(201);
    // The admin audit names the person, as for any signed-in staff member.
    const audit = await pool.query(
      `SELECT actor_type, actor_id FROM admin_audit WHERE action = 'away_period.created'`,
    );
    expect(audit.rows).toEqual([{ actor_type: 'staff', actor_id: cora }]);

    // A role's limits hold as for any credential.
    const forbidden = await api$(browser, 'GET', '/v1/staff', {});
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('AUTH.FORBIDDEN');
  });

  it('finds a known subject again even when the email has changed since', async () => {
    await signIn(new Browser(), 'cora@clinic.example');
    await pool.query(`UPDATE staff SET email = 'cora.new@clinic.example' WHERE id = $1`, [
      staff['cora@clinic.example'],
    ]);
    const browser = new Browser();
    const { landed } = await signIn(browser, 'cora@clinic.example');
    expect(landed?.pathname).toBe('/console/leads');
    expect((await api$(browser, 'GET', '/v1/me')).body.staff.id).toBe(staff['cora@clinic.example']);
  });

  it('tells someone Intake does not know to ask their admin, and opens no session', async () => {
    const { page, callback, landed } = await signIn(new Browser(), 'uma@clinic.example');
    expect(landed).toBeNull();
    expect(page).toBe(callback);
    expect(page.status).toBe(403);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('You are not set up in Intake yet — ask your admin');
    expect(page.text).toContain('href="/auth/login?prompt=login"');
    expect(page.setCookies.some((c) => c.startsWith('intake_session='))).toBe(false);
    expect(await countRows('auth_sessions')).toBe(0);
  });

  it('refuses a deactivated staff member at sign-in, and ends their open sessions', async () => {
    const open = new Browser();
    await signIn(open, 'vic@clinic.example');
    expect((await api$(open, 'GET', '/v1/me')).status).toBe(200);
    await pool.query('UPDATE staff SET active = false WHERE id = $1', [
      staff['vic@clinic.example'],
    ]);

    const { page } = await signIn(new Browser(), 'vic@clinic.example');
    expect(page.status).toBe(403);
    expect(page.text).toContain('You are not set up in Intake yet');

    const me = await api$(open, 'GET', '/v1/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('keeps a wrong password at the provider', async () => {
    const browser = new Browser();
    const { page: form } = await toLoginForm(browser);
    expect(form.text).toMatch(/<label for="email">Email<\/label>/);
    expect(form.text).toMatch(/<label for="password">Password<\/label>/);
    const wrong = await browser.request(formAction(form), {
      form: { email: 'cora@clinic.example', password: 'not-the-password' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.url.origin).toBe(idp.issuer);
    expect(wrong.headers.get('location')).toBeNull();
    expect(wrong.text).toContain('role="alert"');
    expect(await countRows('auth_sessions')).toBe(0);
  });

  it.each([
    ['//evil.example/console/'],
    ['https://evil.example/'],
    ['/\\evil.example'],
    ['http:/evil.example'],
    ['javascript:alert(1)'],
    ['/%0d%0aLocation:%20https://evil.example'],
  ])('never sends the browser off the site after sign-in (returnTo %s)', async (returnTo) => {
    const { landed } = await signIn(new Browser(), 'cora@clinic.example', returnTo);
    expect(landed?.origin).toBe(base);
    if (returnTo.startsWith('/%0d')) {
      expect(landed?.pathname).toBe('/%0d%0aLocation:%20https://evil.example');
    } else {
      expect(landed?.pathname).toBe('/console/');
    }
  });

  it('finishes a sign-in once only, and only in the browser that started it', async () => {
    const browser = new Browser();
    const { callback } = await signIn(browser, 'cora@clinic.example');
    const replay = await browser.request(callback.url);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('AUTH.SIGN_IN_FAILED');

    // Someone else's callback link (login CSRF): their code, this browser.
    const theirs = new Browser();
    const { page: form } = await toLoginForm(theirs);
    const stopped = await theirs.follow(
      formAction(form),
      { form: { email: 'cora@clinic.example', password: DEMO_PASSWORD } },
      (next) => next.pathname === '/auth/callback',
    );
    const victim = new Browser();
    const page = await victim.request(stopped.stoppedAt!);
    expect(page.status).toBe(400);
    expect(victim.cookie(base, 'intake_session')).toBeUndefined();
  });

  it('signs out: the session ends, the cookie is cleared, the provider can end its own', async () => {
    const browser = new Browser();
    await signIn(browser, 'cora@clinic.example');
    const { csrfToken } = (await api$(browser, 'GET', '/auth/session')).body;

    const refused = await api$(browser, 'POST', '/auth/logout');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('AUTH.CSRF_REQUIRED');

    const out = await api$(browser, 'POST', '/auth/logout', { csrf: csrfToken });
    expect(out.status).toBe(200);
    const endSession = new URL(out.body.endSessionUrl);
    expect(endSession.origin).toBe(idp.issuer);
    expect(endSession.searchParams.get('client_id')).toBe('intake-console');
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/console/`);
    expect(out.headers.getSetCookie().join()).toMatch(/intake_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await countRows('auth_sessions')).toBe(0);

    const after = await api$(browser, 'GET', '/auth/session');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('AUTH.UNAUTHENTICATED');
    expect((await api$(browser, 'GET', '/v1/me')).status).toBe(401);
  });

  it('ends an idle session after 30 minutes, and each use moves that on', async () => {
    const browser = new Browser();
    await signIn(browser, 'cora@clinic.example');
    const start = Date.now();

    at(minutesAfter(start, 20));
    expect((await api$(browser, 'GET', '/v1/me')).status).toBe(200);
    at(minutesAfter(start, 45)); // 25 idle minutes since the last use
    expect((await api$(browser, 'GET', '/v1/me')).status).toBe(200);
    at(minutesAfter(start, 76)); // 31
    const expired = await api$(browser, 'GET', '/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('AUTH.SESSION_EXPIRED');
    expect((await api$(browser, 'GET', '/auth/session')).body.error.code).toBe(
      'AUTH.SESSION_EXPIRED',
    );
  });

  it('ends a session at its absolute limit however busy it is', async () => {
    const browser = new Browser();
    await signIn(browser, 'cora@clinic.example');
    const start = Date.now();
    for (const minutes of [25, 50, 75, 100]) {
      at(minutesAfter(start, minutes));
      expect((await api$(browser, 'GET', '/v1/me')).status).toBe(200);
    }
    at(minutesAfter(start, 115));
    const session = (await api$(browser, 'GET', '/auth/session')).body;
    // Idle would be 145 minutes in; the absolute limit (2 h here) comes first.
    expect(Date.parse(session.expiresAt)).toBeLessThanOrEqual(start + 121 * 60_000);
    at(minutesAfter(start, 121));
    const over = await api$(browser, 'GET', '/v1/me');
    expect(over.status).toBe(401);
    expect(over.body.error.code).toBe('AUTH.SESSION_EXPIRED');
  });

  it('keeps API keys working, with no CSRF token, even beside a session cookie', async () => {
    const admin = await staffWithKey(api, 'admin');
    const browser = new Browser();
    await signIn(browser, 'cora@clinic.example');
    const created = await api$(browser, 'POST', '/v1/staff', {
      body: { name: 'Key Made', role: 'viewer' },
      headers: { authorization: admin.auth },
    });
    expect(created.status).toBe(201);
    const me = await api$(browser, 'GET', '/v1/me', { headers: { authorization: admin.auth } });
    expect(me.body).toMatchObject({ credential: 'api_key', staff: { id: admin.staffId } });
    // A bad key is refused even with a good cookie: the header decides.
    const bad = await api$(browser, 'GET', '/v1/me', {
      headers: { authorization: 'Bearer ik_nope' },
    });
    expect(bad.status).toBe(401);
  });

  it('answers 401 without a session, and sign-in pages for a broken callback', async () => {
    const none = await fetch(`${base}/auth/session`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe(
      'AUTH.UNAUTHENTICATED',
    );
    const garbage = new Browser();
    garbage.setCookie(base, 'intake_session', 'not-a-session');
    expect((await api$(garbage, 'GET', '/auth/session')).body.error.code).toBe(
      'AUTH.UNAUTHENTICATED',
    );
    const noState = await new Browser().request(`${base}/auth/callback?code=abc`);
    expect(noState.status).toBe(400);
    expect(noState.headers.get('content-type')).toMatch(/^text\/html/);
    expect(noState.text).toContain('href="/auth/login"');
  });

  it("lets the worker's housekeeping delete ended sessions and unfinished sign-ins", async () => {
    await signIn(new Browser(), 'cora@clinic.example');
    await toLoginForm(new Browser()); // and left at the provider
    expect(await countRows('auth_pending_logins')).toBe(1);
    const { context } = await startWorker();
    try {
      const pruner = context.get(SessionPruner);
      const start = Date.now();
      setClock(context, minutesAfter(start, 11));
      expect(await pruner.prune()).toEqual({ sessions: 0, logins: 1 });
      // Ended sessions stay a day, so a late request still hears AUTH.SESSION_EXPIRED.
      setClock(context, minutesAfter(start, 24 * 60));
      expect(await pruner.prune()).toEqual({ sessions: 0, logins: 0 });
      setClock(context, minutesAfter(start, 25 * 60));
      expect(await pruner.prune()).toEqual({ sessions: 1, logins: 0 });
      expect(await countRows('auth_sessions')).toBe(0);
    } finally {
      await context.close();
    }
  });

  async function countRows(table: string): Promise<number> {
    return (await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
  }
});
