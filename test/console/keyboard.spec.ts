import { expect, test } from '@playwright/test';
import { adminApi, assign, person, staffByEmail, submit, waitForLead } from './support/api';
import { signIn } from './support/sign-in';

test('the main flow with the keyboard alone', async ({ page }) => {
  const api = await adminApi();
  const cora = await staffByEmail(api, 'cora@clinic.example');
  const p = person({ firstName: 'Kim', message: 'Please call me in the evening.' });
  await submit(p);
  const lead = await waitForLead(api, p.email);
  if (lead.owner?.id !== cora.id) await assign(api, lead.id, cora.id);
  // Top of the queue: the most urgent.
  await api.put(`/v1/leads/${lead.id}/priority`, { data: { priority: 'urgent' } });

  await signIn(page, 'cora@clinic.example');
  await page.goto('/console/');
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // j to the row, Enter to open it.
  const rows = page.getByTestId('queue-row');
  const count = await rows.count();
  let found = false;
  for (let i = 0; i < count && !found; i++) {
    await page.keyboard.press('j');
    const focused = page.locator('a:focus');
    found = (await focused.count()) === 1 && (await focused.textContent()) === `Kim ${p.lastName}`;
  }
  expect(found).toBe(true);
  await expect(page.locator(':focus')).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/console/leads/${lead.id}$`));

  // a, 1: called, no answer.
  await expect(page.getByTestId('history')).toBeVisible();
  await page.keyboard.press('a');
  await expect(page.getByRole('dialog', { name: 'Log a contact attempt' })).toBeVisible();
  await page.keyboard.press('1');
  await expect(page.getByRole('status')).toContainText('Logged: phone, no answer.');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // n: a note, saved with Ctrl+Enter.
  await page.keyboard.press('n');
  await page.keyboard.type('Left no message; try after 6 pm their time');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('notes')).toContainText(
    'Left no message; try after 6 pm their time',
  );

  // m: move, arrows and Enter/Space only.
  await page.locator('body').click({ position: { x: 1, y: 1 } }); // leave the note field
  await page.keyboard.press('m');
  const dialog = page.getByRole('dialog', { name: 'Move in the pipeline' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Space'); // the first allowed state has the focus
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Moved to');
  await api.dispose();
});
