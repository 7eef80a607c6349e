import { expect, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { Client } from 'pg';

/** Every demo account's password at the local identity provider (IDP_DEMO_PASSWORD). */
export const DEMO_PASSWORD = process.env.IDP_DEMO_PASSWORD ?? 'intake-demo';

/**
 * Signs `page`'s browser in as the demo staff member with this email, the way staff do: the
 * api's `/auth/login` sends it to the local identity provider, whose form takes the email and
 * the password, and the callback lands on the console with a session cookie.
 */
export async function signIn(page: Page, email: string, returnTo = '/console/'): Promise<void> {
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(returnTo)}&prompt=login`);
  await completeSignIn(page, email, returnTo);
}

/**
 * Finishes a sign-in the console started (after a 401): the provider's form when it asks, or
 * straight back when the provider still knows the person.
 */
export async function completeSignIn(page: Page, email: string, returnTo: string): Promise<void> {
  const back = (url: URL) => url.pathname === returnTo && url.port === new URL(page.url()).port;
  const form = page.getByLabel('Email');
  await Promise.race([
    form.waitFor({ state: 'visible' }),
    page.waitForURL((url) => url.pathname === returnTo),
  ]);
  if (!back(new URL(page.url()))) {
    await form.fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.waitForURL((url) => url.pathname === returnTo);
  await expect(page.locator('body')).not.toContainText('not set up in Intake');
}

/**
 * Runs `act`, which must end in the console sending the browser to sign in again (a 401), and
 * signs back in: through the provider's form when it asks, or straight through while the
 * provider still knows the person. Resolves once the callback has set a new session.
 */
export async function signInAgainAfter(
  page: Page,
  email: string,
  act: () => Promise<void>,
): Promise<void> {
  const path = (url: string) => new URL(url).pathname;
  const login = page.waitForRequest((r) => path(r.url()) === '/auth/login');
  const callback = page.waitForResponse((r) => path(r.url()) === '/auth/callback');
  await act();
  await login;
  const password = page.getByLabel('Password');
  const asked = await Promise.race([
    callback.then(() => false),
    password.waitFor({ state: 'visible' }).then(() => true),
  ]);
  if (asked) {
    await page.getByLabel('Email').fill(email);
    await password.fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  expect((await callback).status()).toBe(302);
}

/**
 * Ends this browser's session as the idle timeout would: its row in `auth_sessions` expires,
 * so the next API call answers 401 AUTH.SESSION_EXPIRED.
 */
export async function expireSession(page: Page): Promise<void> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'intake_session');
  if (!cookie) throw new Error('expireSession: this browser has no session');
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    // The api keeps only a hash of the cookie (libs/access/src/domain/session.ts).
    const tokenHash = createHash('sha256')
      .update(decodeURIComponent(cookie.value), 'utf8')
      .digest('base64url');
    const hashed = await db.query(
      `UPDATE auth_sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`,
      [tokenHash],
    );
    if (hashed.rowCount !== 1) throw new Error('expireSession: no session row for the cookie');
  } finally {
    await db.end();
  }
}
