import { expect, test } from '@playwright/test';
import { adminApi, assign, person, staffByEmail, submit, waitForLead } from './support/api';
import { expireSession, signIn, signInAgainAfter } from './support/sign-in';

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
  const expired = (await page.context().cookies()).find((c) => c.name === 'intake_session');

  // 401 → the sign-in (the provider's form, or straight through while it still knows her),
  // coming back to this lead with a new session and the note still in the field.
  await signInAgainAfter(page, 'cora@clinic.example', () =>
    page.getByRole('button', { name: 'Save note' }).click(),
  );
  await page.waitForURL((url) => url.pathname === `/console/leads/${lead.id}`);
  const renewed = (await page.context().cookies()).find((c) => c.name === 'intake_session');
  expect(renewed?.value).not.toBe(expired?.value);
  await expect(page.getByLabel('Add a note')).toHaveValue(
    'She prefers evenings; spoke to her mother',
  );
  await api.dispose();
});

test('sign-out ends the session', async ({ page }) => {
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
