import { expect, test } from '@playwright/test';
import { adminApi, assign, person, staffByEmail, submit, waitForLead } from './support/api';
import { signIn } from './support/sign-in';

test('record a STOP reply from the lead page; a text is then refused with the server’s reason', async ({
  page,
}) => {
  const api = await adminApi();
  const cora = await staffByEmail(api, 'cora@clinic.example');
  const p = person({ firstName: 'Stella', smsConsent: true });
  await submit(p);
  const lead = await waitForLead(api, p.email);
  if (lead.owner?.id !== cora.id) await assign(api, lead.id, cora.id);

  await signIn(page, 'cora@clinic.example');
  await page.goto(`/console/leads/${lead.id}`);
  const consent = page.getByTestId('consent');
  await expect(consent.getByTestId('consent-contact')).toContainText('granted');
  await expect(consent.getByTestId('consent-sms')).toContainText('granted');
  await expect(consent.getByTestId('consent-sms')).toContainText('the form');
  await expect(consent.getByTestId('consent-email_marketing')).toContainText('not given');

  await consent.getByRole('button', { name: 'Record withdrawal…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record consent' });
  await dialog.getByRole('button', { name: 'Replied STOP to a text' }).click();
  await expect(dialog).toContainText('From now on Intake refuses texts to this person.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('Recorded: texts withdrawn (a text reply).');
  await expect(consent.getByTestId('consent-sms')).toContainText('withdrawn');
  await expect(consent.getByTestId('consent-sms')).toContainText('by Cora');

  await page.getByRole('button', { name: /Log attempt/ }).click();
  const attempt = page.getByRole('dialog', { name: 'Log a contact attempt' });
  await attempt.getByText('Text', { exact: true }).click();
  await attempt.getByRole('button', { name: /No answer/ }).click();
  await expect(attempt.getByRole('alert').last()).toContainText('withdrew consent to texts');
  await expect(page.getByTestId('attempts')).not.toContainText('No answer');
  await api.dispose();
});
