import { expect, test } from '@playwright/test';
import { adminApi, person, staffByEmail, submit, waitForLead } from './support/api';
import { signIn } from './support/sign-in';

test('the person on call sees the crisis page on the lead and acknowledges it', async ({
  page,
}) => {
  const api = await adminApi();
  const p = person({
    firstName: 'Wren',
    message: 'Some nights I think I would be better off dead.',
  });
  await submit(p);
  const lead = await waitForLead(api, p.email, { owned: false });

  // The demo's rotation has Cora on call all week; the worker pages her from the published event.
  await signIn(page, 'cora@clinic.example');
  await page.goto(`/console/leads/${lead.id}`);
  const notice = page.getByTestId('crisis-page');
  await expect(notice).toBeVisible({ timeout: 20_000 });
  await notice.getByRole('button', { name: 'Acknowledge crisis page' }).click();
  await expect(notice).toHaveCount(0);

  const cora = await staffByEmail(api, 'cora@clinic.example');
  const pages = await (await api.get(`/v1/crisis/pages?leadId=${lead.id}`)).json();
  expect(pages.items).toEqual([
    expect.objectContaining({ status: 'acknowledged', acknowledgedBy: cora.id }),
  ]);
  await api.dispose();
});

test('a coordinator chooses her alerts, and they are kept', async ({ page }) => {
  await signIn(page, 'cole@clinic.example');
  await page.goto('/console/settings/alerts');
  await expect(page.getByRole('heading', { name: 'My alerts' })).toBeVisible();
  const due = page.getByRole('checkbox', { name: 'My follow-up is due' });
  const wanted = !(await due.isChecked());
  await due.setChecked(wanted);
  await page.getByRole('button', { name: /save/i }).click();
  await expect(page.getByText('Saved.')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'My follow-up is due' })).toBeChecked({
    checked: wanted,
  });
});
