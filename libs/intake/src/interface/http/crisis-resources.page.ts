import { escapeHtml as escape } from '@intake/platform';

/**
 * The thank-you page for a browser whose request has crisis language, shown in answer to the
 * post itself (no redirect, so no address in the history or in any log says "crisis"). It thanks
 * the person, puts the 988 Suicide & Crisis Lifeline and 911 first, with buttons that call or
 * text on a phone, and then offers the clinic's own thank-you page. The wording follows the
 * Lifeline's safe-messaging guidance: calm, direct, no judgement, no promise of when we call.
 * The same page for everyone: nothing in it comes from the request.
 */
export function crisisResourcesPage(thankYouUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Thank you — support is available right now</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1d2733; line-height: 1.5; }
  .help { border: 2px solid #2457a6; border-radius: 8px; padding: 1rem 1.25rem; margin: 1.5rem 0; background: #f3f7fd; }
  .help h2 { margin-top: 0; }
  .actions { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
  .actions a { display: inline-block; padding: .75rem 1.25rem; border-radius: 4px; background: #2457a6; color: #fff; text-decoration: none; font-weight: 600; }
  .actions a.emergency { background: #a61b1b; }
</style></head>
<body><main>
<h1>Thank you. We received your request.</h1>
<section class="help" id="crisis-resources" aria-labelledby="crisis-heading">
<h2 id="crisis-heading">You do not have to wait for our call</h2>
<p>Some of what you wrote tells us you may be going through something very painful right now. Support is available at any hour, and talking to someone can help.</p>
<p><strong>Call or text 988</strong> to reach the 988 Suicide &amp; Crisis Lifeline. It is free and confidential, and someone is there 24 hours a day, 7 days a week.</p>
<div class="actions">
<a href="tel:988">Call 988</a>
<a href="sms:988">Text 988</a>
<a class="emergency" href="tel:911">Call 911</a>
</div>
<p><strong>If you are in immediate danger</strong>, or might act on thoughts of harming yourself, call 911 or go to the nearest emergency room now.</p>
<p lang="es">En español: llame al 988 y oprima 2.</p>
</section>
<p>Our team has your request and will contact you.</p>
<p><a href="${escape(thankYouUrl)}">Continue</a></p>
</main></body></html>`;
}
