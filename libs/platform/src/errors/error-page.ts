import { escapeHtml as escape } from '../http/html';
import { ErrorBody } from './error-body';

/**
 * Said on every page that answers a refused form post, whatever was refused and whoever sent
 * it: a request that did not get through may have been a person in crisis, and the line tells
 * nothing about anyone.
 */
const CRISIS_LINE =
  'If you are thinking about harming yourself, you do not have to wait: call or text ' +
  '<a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline, any hour), or call ' +
  '<a href="tel:911">911</a> in an emergency.';

/**
 * The error body as a page, for a visitor whose browser posted a plain HTML form: the same
 * code, field errors and request id, readable, with a way back to the form, and the crisis line.
 */
export function errorPage(status: number, body: ErrorBody): string {
  const { code, message, fields, requestId } = body.error;
  const items = fields
    .map((f) => `<li><strong>${escape(f.field)}</strong> ${escape(f.message)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>We could not send your request</title>
<style>body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }</style></head>
<body><h1>We could not send your request</h1>
<p>${escape(message)}</p>${items ? `<ul>${items}</ul>` : ''}
<p><a href="javascript:history.back()">Go back to the form</a> to correct it and send it again.</p>
<p>${CRISIS_LINE}</p>
<p><small>Error ${status} ${escape(code)} · reference ${escape(requestId)}</small></p></body></html>`;
}

export interface MessagePage {
  /** Also the heading. */
  title: string;
  /** Plain text, escaped here. */
  paragraphs: string[];
  /** Same-site links: the ways forward. */
  links: Array<{ href: string; text: string }>;
  /** Small print: status, code and reference (already escaped HTML). */
  footer: string;
}

/**
 * A plain page that says what happened and what to do next, for a browser that navigated to
 * the service (a sign-in, not a form post). No scripts, no external assets.
 */
export function messagePage(page: MessagePage): string {
  const paragraphs = page.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n');
  const links = page.links
    .map((link) => `<p><a href="${escape(link.href)}">${escape(link.text)}</a></p>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(page.title)}</title>
<style>body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }</style></head>
<body><main><h1>${escape(page.title)}</h1>
${paragraphs}
${links}
<p><small>${page.footer}</small></p></main></body></html>`;
}
