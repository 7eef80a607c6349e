import { test } from '@playwright/test';
import { resolve } from 'node:path';
import { adminApi, assign, person, staffByEmail, submit, waitForLead } from './support/api';
import { signIn } from './support/sign-in';

/**
 * `npm run console:screenshots`: a PNG of each screen into docs/console/ (the README shows them),
 * from a handful of leads it posts itself.
 */
const OUT = resolve(__dirname, '../../docs/console');

test('screenshots of every screen', async ({ browser }) => {
  const api = await adminApi();
  const cora = await staffByEmail(api, 'cora@clinic.example');
  const people = [
    person({ firstName: 'Maya', lastName: 'Okafor', state: 'NY', interest: 'depression' }),
    person({
      firstName: 'Luis',
      lastName: 'Garcia',
      state: 'TX',
      interest: 'anxiety',
      smsConsent: false,
    }),
    person({ firstName: 'Ann', lastName: 'Lindqvist', state: 'HI', interest: 'ptsd' }),
    person({
      firstName: 'Jordan',
      lastName: 'Reyes',
      state: 'CA',
      interest: 'depression',
      message: 'Some days I want to die. Please call me.',
    }),
  ];
  const leads = [];
  for (const p of people) {
    await submit(p);
    const lead = await waitForLead(api, p.email);
    if (lead.owner?.id !== cora.id) await assign(api, lead.id, cora.id);
    leads.push(lead);
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await signIn(page, 'cora@clinic.example');
  await page.goto('/console/');
  await page.getByTestId('queue-row').first().waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${OUT}/queue.png` });

  await page.goto('/console/leads?status=new,attempting_contact&sort=priority');
  await page.getByTestId('lead-row').first().waitFor();
  await page.screenshot({ path: `${OUT}/leads.png` });

  await page.goto(`/console/leads/${leads[0]!.id}`);
  await page.getByTestId('history').waitFor();
  await page.screenshot({ path: `${OUT}/lead.png`, fullPage: true });

  await page.keyboard.press('a');
  await page.getByRole('dialog').waitFor();
  await page.screenshot({ path: `${OUT}/log-attempt.png` });
  await page.keyboard.press('Escape');

  await page.keyboard.press('Shift+?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await page.screenshot({ path: `${OUT}/shortcuts.png` });
  await page.keyboard.press('Escape');

  // A colleague changes the lead while Cora has it open: her next write gets the conflict dialog.
  const ada = await staffByEmail(api, 'ada@clinic.example');
  await api.post(`/v1/leads/${leads[0]!.id}/transitions`, { data: { to: 'attempting_contact' } });
  await api.put(`/v1/leads/${leads[0]!.id}/priority`, { data: { priority: 'high' } });
  void ada;
  await page.getByRole('button', { name: /Log attempt/ }).click();
  await page.getByRole('button', { name: /No answer/ }).click();
  await page.getByTestId('conflict-dialog').getByText('Reload the lead').waitFor();
  await page.screenshot({ path: `${OUT}/conflict.png` });

  const viewer = await (
    await browser.newContext({ viewport: { width: 1280, height: 860 } })
  ).newPage();
  await signIn(viewer, 'vic@clinic.example');
  await viewer.goto(`/console/leads/${leads[3]!.id}`);
  await viewer.getByTestId('history').waitFor();
  await viewer.screenshot({ path: `${OUT}/lead-viewer.png` });

  const tablet = await (
    await browser.newContext({ viewport: { width: 820, height: 1180 } })
  ).newPage();
  await signIn(tablet, 'cora@clinic.example');
  await tablet.goto('/console/');
  await tablet.getByTestId('queue-row').first().waitFor();
  await tablet.screenshot({ path: `${OUT}/queue-tablet.png` });
  await api.dispose();
});
