import { parseSetCookie } from 'cookie';

export interface Page {
  status: number;
  url: URL;
  headers: Headers;
  text: string;
  /** The Set-Cookie headers of this response, as sent. */
  setCookies: string[];
}

interface StoredCookie {
  value: string;
  path: string;
}

/**
 * Enough of a browser for a sign-in without one: fetch with a cookie jar per origin (host and
 * port, as the tests keep the api and the provider apart), redirects followed by hand so each
 * step can be looked at, and HTML forms posted urlencoded.
 */
export class Browser {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(new URL(origin).origin)?.get(name)?.value;
  }

  setCookie(origin: string, name: string, value: string): void {
    this.cookiesOf(new URL(origin).origin).set(name, { value, path: '/' });
  }

  /** One request, no redirect followed. */
  async request(
    url: string | URL,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Page> {
    const target = new URL(url);
    const headers: Record<string, string> = { accept: 'text/html', ...init.headers };
    const cookie = this.cookieHeader(target);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(target, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) this.store(target, line);
    return {
      status: response.status,
      url: target,
      headers: response.headers,
      text: await response.text(),
      setCookies,
    };
  }

  /**
   * Follows redirects from `url` until a response is not a redirect, or the next location is
   * one `stopAt` accepts (returned unvisited, as `stoppedAt`).
   */
  async follow(
    url: string | URL,
    init: { form?: Record<string, string> } = {},
    stopAt: (next: URL) => boolean = () => false,
  ): Promise<{ page: Page; steps: Page[]; stoppedAt: URL | null }> {
    const steps: Page[] = [];
    let page = await this.request(url, init);
    steps.push(page);
    for (let hops = 0; hops < 15 && page.status >= 300 && page.status < 400; hops += 1) {
      const next = new URL(page.headers.get('location')!, page.url);
      if (stopAt(next)) return { page, steps, stoppedAt: next };
      page = await this.request(next);
      steps.push(page);
    }
    return { page, steps, stoppedAt: null };
  }

  private cookiesOf(origin: string): Map<string, StoredCookie> {
    let cookies = this.jar.get(origin);
    if (!cookies) this.jar.set(origin, (cookies = new Map()));
    return cookies;
  }

  private store(url: URL, line: string): void {
    const parsed = parseSetCookie(line);
    const cookies = this.cookiesOf(url.origin);
    const expired =
      parsed.maxAge !== undefined
        ? parsed.maxAge <= 0
        : parsed.expires !== undefined && parsed.expires.getTime() <= Date.now();
    if (expired || parsed.value === '') cookies.delete(parsed.name);
    else cookies.set(parsed.name, { value: parsed.value ?? '', path: parsed.path ?? '/' });
  }

  private cookieHeader(url: URL): string {
    const cookies = this.jar.get(url.origin);
    if (!cookies) return '';
    return [...cookies]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }
}

/** The action of the page's first form, as an absolute URL. */
export function formAction(page: Page): URL {
  const match = /<form[^>]*action="([^"]+)"/.exec(page.text);
  if (!match) throw new Error(`no form on the page (${page.status} ${page.url.href})`);
  return new URL(
    match[1]!.replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c))),
    page.url,
  );
}
