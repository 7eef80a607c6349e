import { expect, test } from '@playwright/test';
import { adminApi, person, staffByEmail, waitForLead } from './support/api';
import { signIn } from './support/sign-in';

test('a form posted from the demo page shows up in the queue within 2 s, without a reload', async ({
  browser,
}) => {
  const api = await adminApi();
  const cora = await staffByEmail(api, 'cora@clinic.example');
  // Both coordinators watch their queues: routing gives the lead to one of them.
  const pages = new Map<string, import('@playwright/test').Page>();
  for (const email of ['cora@clinic.example', 'cole@clinic.example']) {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, email);
    await page.goto('/console/');
    await expect(page.getByText('Live', { exact: true })).toBeVisible();
    pages.set((await staffByEmail(api, email)).id, page);
  }

  // Posted by a person on the demo page, as the website would.
  const p = person({ firstName: 'Demi' });
  const demo = await (await browser.newContext()).newPage();
  await demo.goto('/demo');
  await demo.getByLabel('First name').fill(p.firstName);
  await demo.getByLabel('Last name').fill(p.lastName);
  await demo.getByLabel('Email', { exact: true }).fill(p.email);
  await demo.getByLabel('Phone', { exact: true }).fill(p.phone);
  await demo.getByLabel('I agree to be contacted about my request.').check();
  await demo.waitForTimeout(3_000); // a person takes longer than the form's minimum fill time
  await demo.getByRole('button', { name: 'Request my consultation' }).click();
  await demo.waitForURL(/\/demo\/thanks|thank/);

  const lead = await waitForLead(api, p.email);
  const assignedAt = Date.now();
  const owner = pages.get(lead.owner!.id) ?? pages.get(cora.id)!;
  await expect(
    owner.getByTestId('queue-row').filter({ hasText: `Demi ${p.lastName}` }),
  ).toBeVisible({
    timeout: 2_000,
  });
  expect(Date.now() - assignedAt).toBeLessThan(2_000);
  await api.dispose();
});
