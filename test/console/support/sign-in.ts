import type { Page } from '@playwright/test';
import { adminApi, staffByEmail } from './api';

/**
 * Signs `page` in as the demo staff member with this email, and leaves it on no particular page.
 *
 * PREVIEW, until the sign-in branch (BFF + local IdP) merges: the browser gets a fresh API key
 * of that person as a bearer header, and `/auth/session` is answered from `/v1/me`. The console
 * itself is unchanged (it only speaks the contract). With the real sign-in this becomes: go to
 * `/auth/login?returnTo=/console/`, fill the local IdP's form with the email and the demo
 * password, and wait for `/console/`. Signature and behaviour stay the same.
 */
export async function signIn(page: Page, email: string): Promise<void> {
  const api = await adminApi();
  const staff = await staffByEmail(api, email);
  const res = await api.post(`/v1/staff/${staff.id}/api-keys`, {
    data: { name: 'console preview' },
  });
  if (!res.ok()) throw new Error(`a key for ${email}: ${res.status()} ${await res.text()}`);
  const { key } = (await res.json()) as { key: string };
  await api.dispose();

  await page.context().setExtraHTTPHeaders({ Authorization: `Bearer ${key}` });
  await page.route('**/auth/session', async (route) => {
    const me = await route.fetch({ url: new URL('/v1/me', route.request().url()).toString() });
    const body = (await me.json()) as {
      staff: { id: string; name: string; email: string; role: string };
    };
    await route.fulfill({
      json: {
        staff: body.staff,
        csrfToken: 'preview',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
  });
}

/** Ends the session the way an idle timeout would (the real sign-in: the session row expires). */
export async function expireSession(page: Page): Promise<void> {
  await page.context().setExtraHTTPHeaders({});
  await page.unroute('**/auth/session');
  await page.route('**/auth/session', (route) =>
    route.fulfill({
      status: 401,
      json: {
        error: { code: 'AUTH.SESSION_EXPIRED', message: 'expired', fields: [], requestId: 'x' },
      },
    }),
  );
}
