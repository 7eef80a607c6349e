import { performance } from 'node:perf_hooks';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The whole message as it came over the wire: headers and body. */
  raw: string;
  /** `performance.now()` when its last byte had arrived (before parsing). */
  receivedAt: number;
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps what it receives: the
 * receiving end of alert tests. `stop()` closes the port, so senders get connection refused;
 * `start()` opens it again on the same port.
 */
export class SmtpCatcher {
  readonly messages: CaughtMail[] = [];
  private server: SMTPServer | null = null;

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      // Pooled connections from the sender would otherwise hold stop() for 30 s.
      closeTimeout: 100,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const receivedAt = performance.now();
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed) => {
              this.messages.push({
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                raw,
                receivedAt,
              });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  clear(): void {
    this.messages.length = 0;
  }
}
