import { expect, test } from '@playwright/test';
import { adminApi, assign, person, staffByEmail, submit, waitForLead } from './support/api';
import { signIn } from './support/sign-in';

test('two browsers on one lead: the second writer gets the conflict dialog, and nothing is lost', async ({
  browser,
}) => {
  const api = await adminApi();
  const cora = await staffByEmail(api, 'cora@clinic.example');
  const p = person();
  await submit(p);
  const lead = await waitForLead(api, p.email);
  if (lead.owner?.id !== cora.id) await assign(api, lead.id, cora.id);

  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  // Cora's live stream is down (a dropped connection, or both writing within the same second):
  // her screen still shows the version before Ada's move.
  await second.route('**/v1/me/queue/stream', (route) => route.abort());
  await signIn(first, 'ada@clinic.example');
  await signIn(second, 'cora@clinic.example');
  await first.goto(`/console/leads/${lead.id}`);
  await second.goto(`/console/leads/${lead.id}`);
  await expect(second.getByTestId('history')).toBeVisible();

  // Ada moves the lead; Cora, on the older version, types a note with her attempt.
  await first.getByRole('button', { name: /Move/ }).click();
  await first.getByRole('radio', { name: 'Contacted' }).check();
  await first.getByRole('dialog').getByRole('button', { name: 'Move' }).click();
  await expect(first.getByRole('status')).toContainText('Moved to Contacted.');

  await second.getByRole('button', { name: /Log attempt/ }).click();
  await second.getByLabel('Note (optional)').fill('Spoke to her sister; call after 6');
  await second.getByRole('button', { name: /Left voicemail/ }).click();

  const conflict = second.getByTestId('conflict-dialog');
  await expect(conflict).toContainText('Someone changed this lead first');
  await expect(conflict).toContainText('Ada Admin');
  await expect(conflict).toContainText('status: new → contacted');
  // Nothing was written by the refused request.
  const detail = await (await api.get(`/v1/leads/${lead.id}`)).json();
  expect(detail.contactAttempts).toHaveLength(0);

  await conflict.getByRole('button', { name: 'Reload the lead' }).click();
  await expect(second.getByRole('heading', { level: 1 }).locator('..')).toContainText('Contacted');
  // What Cora typed is still there; she saves it on the current version.
  await expect(second.getByLabel('Note (optional)')).toHaveValue(
    'Spoke to her sister; call after 6',
  );
  await second.getByRole('button', { name: /Left voicemail/ }).click();
  await expect(second.getByRole('status')).toContainText('Logged: phone, left voicemail.');
  await expect(second.getByTestId('attempts')).toContainText('Spoke to her sister; call after 6');
  await api.dispose();
});
