import { escapeHtml as escape, messagePage } from '@intake/platform';

/** Signed in at the provider, but not (or no longer) a member of the clinic's staff in Intake. */
export function notSetUpPage(requestId: string): string {
  return messagePage({
    title: 'You are not set up in Intake yet',
    paragraphs: [
      'You are not set up in Intake yet — ask your admin to add you as a staff member, with the email address you signed in with.',
    ],
    links: [{ href: '/auth/login?prompt=login', text: 'Sign in as someone else' }],
    footer: `Error 403 AUTH.NOT_SET_UP · reference ${escape(requestId)}`,
  });
}

/** The sign-in could not be finished (or started); the way forward is to start again. */
export function signInProblemPage(
  status: number,
  code: string,
  message: string,
  requestId: string,
): string {
  return messagePage({
    title: 'Sign-in did not work',
    paragraphs: [message],
    links: [{ href: '/auth/login', text: 'Sign in again' }],
    footer: `Error ${status} ${escape(code)} · reference ${escape(requestId)}`,
  });
}
