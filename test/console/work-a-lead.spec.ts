import { expect, test } from '@playwright/test';
import { adminApi, assign, person, staffByEmail, submit, waitForLead } from './support/api';
import { signIn } from './support/sign-in';

test('log "no answer", see the next follow-up; reach them and move them to consult_scheduled', async ({
  page,
}) => {
  const api = await adminApi();
  const cora = await staffByEmail(api, 'cora@clinic.example');
  const p = person({ firstName: 'Nora' });
  await submit(p);
  const lead = await waitForLead(api, p.email);
  if (lead.owner?.id !== cora.id) await assign(api, lead.id, cora.id);

  await signIn(page, 'cora@clinic.example');
  await page.goto(`/console/leads/${lead.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Nora ${p.lastName}` })).toBeVisible();
  await expect(page.getByTestId('open-follow-up')).toContainText('First contact');

  // Two clicks: "Log attempt", then "No answer".
  await page.getByRole('button', { name: /Log attempt/ }).click();
  await page.getByRole('button', { name: /No answer/ }).click();
  await expect(page.getByRole('status')).toContainText('Logged: phone, no answer.');
  await expect(page.getByTestId('attempts')).toContainText('No answer');
  await expect(page.getByTestId('open-follow-up')).toContainText('Retry');

  // Reached: the lead moves to contacted by itself; then book the consult.
  await page.getByRole('button', { name: /Log attempt/ }).click();
  await page.getByRole('button', { name: /Reached/ }).click();
  await expect(page.getByText('Contacted', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: /Move/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Move in the pipeline' });
  // Only the allowed next states are offered.
  await expect(dialog.getByRole('radio')).toHaveCount(5);
  await expect(dialog.getByRole('radio', { name: 'Converted' })).toHaveCount(0);
  await dialog.getByRole('radio', { name: 'Consult scheduled' }).check();
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect(page.getByRole('status')).toContainText('Moved to Consult scheduled.');
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText(
    'Consult scheduled',
  );
  await api.dispose();
});

test('disqualifying asks for the reason', async ({ page }) => {
  const api = await adminApi();
  const cora = await staffByEmail(api, 'cora@clinic.example');
  const p = person();
  await submit(p);
  const lead = await waitForLead(api, p.email);
  if (lead.owner?.id !== cora.id) await assign(api, lead.id, cora.id);

  await signIn(page, 'cora@clinic.example');
  await page.goto(`/console/leads/${lead.id}`);
  await page.getByRole('button', { name: /Move/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Move in the pipeline' });
  await dialog.getByRole('radio', { name: 'Disqualified' }).check();
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect(dialog).toContainText('Say why the lead is disqualified.');
  await dialog.getByRole('radio', { name: 'Out of area' }).check();
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect(page.getByRole('status')).toContainText('Moved to Disqualified.');
  await api.dispose();
});

test('a coordinator hands her lead to a colleague, and the history names both', async ({
  page,
}) => {
  const api = await adminApi();
  const cora = await staffByEmail(api, 'cora@clinic.example');
  const p = person();
  await submit(p);
  const lead = await waitForLead(api, p.email);
  if (lead.owner?.id !== cora.id) await assign(api, lead.id, cora.id);

  await signIn(page, 'cora@clinic.example');
  await page.goto(`/console/leads/${lead.id}`);
  await page.getByRole('button', { name: /Reassign/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Reassign' });
  await dialog.getByRole('combobox', { name: 'Give it to' }).fill('Cole');
  await page.getByRole('option', { name: 'Cole Coordinator (coordinator)' }).click();
  await dialog.getByRole('button', { name: 'Reassign', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Assigned to Cole Coordinator.');
  await expect(page.getByTestId('history')).toContainText(
    'owner: Cora Coordinator → Cole Coordinator',
  );
  const after = await (await api.get(`/v1/leads/${lead.id}`)).json();
  expect(after.owner.id).toBe((await staffByEmail(api, 'cole@clinic.example')).id);
  await api.dispose();
});

test('the SLA countdown ticks by itself, every second', async ({ page }) => {
  const api = await adminApi();
  const cora = await staffByEmail(api, 'cora@clinic.example');
  // Crisis language makes it urgent: its first call is due in minutes, so the label counts seconds.
  const p = person({ firstName: 'Tick', message: 'I have been thinking about suicide.' });
  await submit(p);
  const lead = await waitForLead(api, p.email, { owned: false });
  if (lead.owner?.id !== cora.id) await assign(api, lead.id, cora.id);

  await signIn(page, 'cora@clinic.example');
  await page.goto('/console/');
  const sla = page.locator(`[data-testid="queue-row"][data-lead-id="${lead.id}"] [data-sla]`);
  await expect(sla).toBeVisible();
  const before = await sla.textContent();
  expect(before).toMatch(/\d+s/);
  await expect(sla).not.toHaveText(before!, { timeout: 2_500 });
  await api.dispose();
});
