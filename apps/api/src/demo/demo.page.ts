import { escapeHtml as escape } from '@intake/platform';

export const DEMO_FORM_KEY = 'consultation';

/**
 * A clinic-style consultation form posting to the demo form as a plain HTML form. Its start
 * token is signed by the server when the page is rendered, so the fill time is measured on our
 * clock, and a visitor's wrong clock cannot make them look like a bot.
 */
export function demoFormPage(startToken: string | null, submissionToken: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Request a free consultation</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1d2733; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input, select, textarea { width: 100%; padding: .5rem; margin-top: .25rem; box-sizing: border-box; font: inherit; }
  .check { display: flex; gap: .5rem; align-items: flex-start; font-weight: normal; }
  .check input { width: auto; }
  .hp { position: absolute; left: -10000px; }
  button { margin-top: 1.5rem; padding: .75rem 1.5rem; font: inherit; background: #2457a6; color: #fff; border: 0; border-radius: 4px; }
</style>
</head>
<body>
<h1>Request a free consultation</h1>
<p>Tell us how to reach you. A member of our intake team will call you, usually within minutes during office hours.</p>
<form method="post" action="/v1/forms/${DEMO_FORM_KEY}/submissions">
  <input type="hidden" name="startToken" value="${escape(startToken ?? '')}">
  <input type="hidden" name="submissionToken" value="${escape(submissionToken)}">
  <div class="hp" aria-hidden="true"><label>Website <input name="website" tabindex="-1" autocomplete="off"></label></div>
  <label>First name <input name="first_name" required autocomplete="given-name"></label>
  <label>Last name <input name="last_name" autocomplete="family-name"></label>
  <label>Email <input name="email" type="email" autocomplete="email"></label>
  <label>Phone <input name="phone" type="tel" autocomplete="tel"></label>
  <label>Preferred contact
    <select name="preferredContact"><option value="">No preference</option><option value="phone">Phone call</option><option value="sms">Text message</option><option value="email">Email</option></select>
  </label>
  <label>Best time to reach you <input name="bestTimeToContact" placeholder="e.g. weekday evenings"></label>
  <label>State <input name="state" maxlength="20" placeholder="e.g. CA"></label>
  <label>What would you like help with?
    <select name="interest"><option value="">Choose one</option><option value="depression">Depression</option><option value="anxiety">Anxiety</option><option value="ptsd">PTSD</option><option value="chronic_pain">Chronic pain</option><option value="other">Something else</option></select>
  </label>
  <label>Anything you would like us to know? <textarea name="message" rows="4" maxlength="5000"></textarea></label>
  <label>How did you hear about us? <input name="howDidYouHear"></label>
  <label class="check"><input type="checkbox" name="contactConsent" value="true" required> I agree to be contacted about my request.</label>
  <label class="check"><input type="checkbox" name="smsConsent" value="true"> You may text me.</label>
  <label class="check"><input type="checkbox" name="emailMarketingConsent" value="true"> Send me news and offers by email.</label>
  <button type="submit">Request my consultation</button>
</form>
<p><small>If you are in crisis, call or text 988 (Suicide &amp; Crisis Lifeline) or dial 911.</small></p>
</body>
</html>`;
}

export function demoThanksPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Thank you</title>
<style>body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }</style></head>
<body><h1>Thank you</h1><p>We have your request. Our intake team will be in touch soon.</p>
<p><a href="/demo">Back to the form</a></p></body></html>`;
}
