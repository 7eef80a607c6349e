import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { adminApi, assign, person, staffByEmail, submit, waitForLead } from './support/api';
import { signIn } from './support/sign-in';

async function scan(page: Page, what: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join(', ')}`,
    ),
  ).toEqual([]);
}

test('no serious or critical accessibility violations on any screen', async ({ page }) => {
  const api = await adminApi();
  const cora = await staffByEmail(api, 'cora@clinic.example');
  const p = person({ message: 'I want to die some days.' });
  await submit(p);
  const lead = await waitForLead(api, p.email);
  if (lead.owner?.id !== cora.id) await assign(api, lead.id, cora.id);

  await signIn(page, 'cora@clinic.example');
  await page.goto('/console/');
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  await scan(page, 'queue');

  await page.goto('/console/leads');
  await expect(page.getByTestId('lead-row').first()).toBeVisible();
  await scan(page, 'leads');

  await page.goto(`/console/leads/${lead.id}`);
  await expect(page.getByTestId('history')).toBeVisible();
  await scan(page, 'lead');

  await page.keyboard.press('a');
  await expect(page.getByRole('dialog')).toBeVisible();
  await scan(page, 'log attempt');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog')).toBeVisible();
  await scan(page, 'shortcuts');
  await page.keyboard.press('Escape');

  await page.goto('/console/settings/alerts');
  await expect(page.getByRole('heading', { name: 'My alerts' })).toBeVisible();
  await scan(page, 'my alerts');

  await page.goto('/console/nowhere');
  await expect(page.getByText('Nothing here')).toBeVisible();
  await scan(page, 'not found');
  await api.dispose();
});
