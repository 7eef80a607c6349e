import { escapeHtml as escape } from '@intake/platform';
import type { DemoAccount } from './demo-accounts';

const STYLE = `body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; color: #1a1b1e; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { display: block; width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .25rem; font: inherit; }
button { margin-top: 1.25rem; padding: .6rem 1.2rem; font: inherit; font-weight: 600; }
[role=alert] { color: #a61b1b; font-weight: 600; }
.demo { margin-top: 2rem; padding: .75rem 1rem; background: #f1f3f5; font-size: .9rem; }
:focus-visible { outline: 3px solid #1c7ed6; outline-offset: 2px; }`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** The sign-in form: labelled fields, an error announced to screen readers, no external assets. */
export function loginPage(input: {
  uid: string;
  email?: string;
  error?: string;
  accounts: readonly DemoAccount[];
  password: string;
}): string {
  const accounts = input.accounts
    .map((a) => `<li><code>${escape(a.email)}</code> (${escape(a.role)})</li>`)
    .join('');
  return layout(
    'Sign in — Intake local identity provider',
    `<h1>Sign in to Intake</h1>
<p>Local identity provider for development and tests.</p>
${input.error ? `<p role="alert" id="error">${escape(input.error)}</p>` : ''}
<form method="post" action="/interaction/${escape(input.uid)}/login" autocomplete="off">
<label for="email">Email</label>
<input id="email" name="email" type="email" required autofocus value="${escape(input.email ?? '')}"${input.error ? ' aria-describedby="error"' : ''}>
<label for="password">Password</label>
<input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form>
<section class="demo" aria-label="Demo sign-ins"><p>Demo sign-ins, password <code>${escape(input.password)}</code>:</p><ul>${accounts}</ul></section>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escape(title)}</h1><p>${escape(message)}</p>`);
}
