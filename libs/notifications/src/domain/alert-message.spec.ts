import { composeMessage } from './alert-message';

describe('composeMessage', () => {
  it('makes console links absolute on PUBLIC_URL and says where to change settings', () => {
    const message = composeMessage(
      [{ title: 'Urgent lead assigned to you — open in Intake', link: '/console/leads/abc' }],
      'https://intake.clinic.example',
      false,
    );
    expect(message.subject).toBe('Urgent lead assigned to you — open in Intake');
    expect(message.text).toContain('https://intake.clinic.example/console/leads/abc');
    expect(message.text).toContain('https://intake.clinic.example/console/settings/alerts');
  });

  it('gathers a digest under one subject', () => {
    const message = composeMessage(
      [
        { title: 'Follow-up due on a lead — open in Intake', link: '/console/leads/a' },
        { title: 'Lead assigned to you — open in Intake', link: '/console/leads/b' },
      ],
      'http://localhost:3000',
      true,
    );
    expect(message.subject).toBe('2 alerts in Intake');
    expect(message.text).toContain('http://localhost:3000/console/leads/a');
    expect(message.text).toContain('http://localhost:3000/console/leads/b');
  });
});
