import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** What `standardwebhooks` verified; null when the receiver was answering with a failure. */
  verified: Record<string, unknown> | null;
}

/**
 * A real integrator's endpoint on 127.0.0.1: it verifies every request with the
 * `standardwebhooks` library against the subscription's secret (a bad signature is a 401, and
 * the test fails), and answers 204, or 500 while told to fail.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  secret = '';
  failing = false;
  rejected = 0;
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (this.failing) {
          this.received.push({ headers: req.headers, body, verified: null });
          res.writeHead(500).end('down for maintenance');
          return;
        }
        try {
          const verified = new Webhook(this.secret).verify(
            body,
            req.headers as Record<string, string>,
          ) as Record<string, unknown>;
          this.received.push({ headers: req.headers, body, verified });
          res.writeHead(204).end();
        } catch {
          this.rejected += 1;
          res.writeHead(401).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/intake`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
