import { expect, test } from '@playwright/test';
import { adminApi, person, submit, waitForLead } from './support/api';
import { signIn } from './support/sign-in';

test('a crisis submission is pinned on top of the queue', async ({ page }) => {
  const api = await adminApi();
  const p = person({ firstName: 'Robin', message: 'I have been thinking about suicide.' });
  await submit(p);
  const lead = await waitForLead(api, p.email, { owned: false });

  await signIn(page, 'cora@clinic.example');
  await page.goto('/console/');
  const banner = page.getByTestId('crisis-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`Robin ${p.lastName}`);
  // Above everything else on the page.
  const bannerBox = (await banner.boundingBox())!;
  const headingBox = (await page.getByRole('heading', { name: 'My queue' }).boundingBox())!;
  expect(bannerBox.y).toBeLessThan(headingBox.y);
  await banner.getByRole('link', { name: `Robin ${p.lastName}` }).click();
  await expect(page).toHaveURL(new RegExp(`/console/leads/${lead.id}$`));
  await expect(page.getByText('Crisis language in their message')).toBeVisible();
  await api.dispose();
});

test('a viewer sees masked data and no buttons', async ({ page }) => {
  const api = await adminApi();
  const p = person();
  await submit(p);
  const lead = await waitForLead(api, p.email, { owned: false });

  await signIn(page, 'vic@clinic.example');
  await page.goto(`/console/leads/${lead.id}`);
  await expect(page.getByTestId('history')).toBeVisible();
  await expect(page.getByTestId('email')).toHaveText(/^p\*+@example\.com$/);
  await expect(page.getByTestId('phone')).not.toContainText(p.phone.slice(2, 8));
  await expect(page.getByRole('link', { name: /tel:|mailto:/ })).toHaveCount(0);
  await expect(page.locator('a[href^="tel:"], a[href^="mailto:"], a[href^="sms:"]')).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Actions' })).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
  await expect(page.getByText('The form as typed is not shown to your role.')).toBeVisible();
  await expect(page.getByText(p.message)).toHaveCount(0);
  // The shortcuts do nothing either.
  await page.keyboard.press('a');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await api.dispose();
});
