import { expect, request, test } from '@playwright/test';
import {
  adminApi,
  assign,
  BASE_URL,
  person,
  staffByEmail,
  submit,
  waitForLead,
} from './support/api';
import { expireSession, signIn } from './support/sign-in';

test('an expired session returns to sign-in without losing what was typed', async ({ page }) => {
  const api = await adminApi();
  const cora = await staffByEmail(api, 'cora@clinic.example');
  const p = person();
  await submit(p);
  const lead = await waitForLead(api, p.email);
  if (lead.owner?.id !== cora.id) await assign(api, lead.id, cora.id);

  await signIn(page, 'cora@clinic.example');
  await page.goto(`/console/leads/${lead.id}`);
  await page.getByLabel('Add a note').fill('She prefers evenings; spoke to her mother');
  await expireSession(page);
  await page.getByRole('button', { name: 'Save note' }).click();

  // 401 → the sign-in, coming back to this lead.
  await page.waitForURL(/\/auth\/login\?returnTo=/);
  expect(new URL(page.url()).searchParams.get('returnTo')).toBe(`/console/leads/${lead.id}`);

  // Signed in again: the note is still in the field.
  await signIn(page, 'cora@clinic.example');
  await page.goto(`/console/leads/${lead.id}`);
  await expect(page.getByLabel('Add a note')).toHaveValue(
    'She prefers evenings; spoke to her mother',
  );
  await api.dispose();
});

test('sign-out ends the session', async ({ page }) => {
  const probe = await request.newContext({ baseURL: BASE_URL, maxRedirects: 0 });
  const login = await probe.get('/auth/login?returnTo=/console/');
  test.skip(login.status() === 404, 'the sign-in (BFF) is not on this api yet');
  await probe.dispose();

  await signIn(page, 'cora@clinic.example');
  await page.goto('/console/');
  await page.getByRole('button', { name: /Account:/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL(
    (url) => !url.pathname.startsWith('/console/') || url.pathname === '/console/signed-out',
  );
  // The old session no longer reads anything.
  const res = await page.request.get('/auth/session');
  expect(res.status()).toBe(401);
});
