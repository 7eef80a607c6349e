import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local captcha provider speaking the siteverify contract Cloudflare Turnstile and hCaptcha
 * document: a form-encoded POST of `secret` and `response` (hCaptcha also `sitekey`), answered
 * with JSON `{success, error-codes}`. A response passes once (tokens are single-use); `mode`
 * makes the provider fail (500) or hang, as a real one can.
 */
export class SiteverifyServer {
  /** Every verification asked, as received. */
  readonly requests: Array<Record<string, string>> = [];
  mode: 'ok' | 'error' | 'hang' = 'ok';
  private readonly valid = new Set<string>();
  private readonly seen = new Set<string>();
  private server: Server | null = null;

  constructor(private readonly secret: string) {}

  /** A response the widget would have produced for a person who passed the challenge. */
  issue(): string {
    const response = `passed-${this.valid.size + 1}-${Math.random().toString(36).slice(2)}`;
    this.valid.add(response);
    return response;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void readForm(req).then((form) => {
        this.requests.push(form);
        if (this.mode === 'hang') return; // never answers; the client's timeout must act
        if (this.mode === 'error') {
          res.writeHead(500).end('upstream trouble');
          return;
        }
        const answer = this.judge(form);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/siteverify`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private judge(form: Record<string, string>): { success: boolean; 'error-codes': string[] } {
    if (!form.secret) return { success: false, 'error-codes': ['missing-input-secret'] };
    if (form.secret !== this.secret)
      return { success: false, 'error-codes': ['invalid-input-secret'] };
    if (!form.response) return { success: false, 'error-codes': ['missing-input-response'] };
    if (this.seen.has(form.response))
      return { success: false, 'error-codes': ['timeout-or-duplicate'] };
    if (!this.valid.has(form.response))
      return { success: false, 'error-codes': ['invalid-input-response'] };
    this.seen.add(form.response);
    return { success: true, 'error-codes': [] };
  }
}

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  let body = '';
  for await (const chunk of req) body += chunk;
  if (!/application\/x-www-form-urlencoded/.test(String(req.headers['content-type']))) return {};
  return Object.fromEntries(new URLSearchParams(body));
}
