/**
 * The receiver for `bench:webhooks`, in a process of its own so it does not share the deliverer's
 * event loop: an integrator's endpoint on 127.0.0.1 that verifies each request with the
 * `standardwebhooks` library (BENCH_WEBHOOKS_VERIFY=0 skips it) and answers 204. It reports its
 * port, then, when asked, how many requests it took, how many failed verification, and how many
 * `webhook-id`s came twice.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

const secrets = JSON.parse(process.env.BENCH_WEBHOOK_SECRETS ?? '{}') as Record<string, string>;
const verifiers = new Map(
  Object.entries(secrets).map(([path, secret]) => [path, new Webhook(secret)]),
);
const verify = process.env.BENCH_WEBHOOKS_VERIFY !== '0';
let received = 0;
let rejected = 0;
let duplicates = 0;
const seen = new Set<string>();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    received += 1;
    const key = `${req.url} ${String(req.headers['webhook-id'])}`;
    if (seen.has(key)) duplicates += 1;
    seen.add(key);
    if (verify) {
      try {
        verifiers
          .get(req.url ?? '')!
          .verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
      } catch {
        rejected += 1;
        res.writeHead(401).end();
        return;
      }
    }
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('message', () => {
  process.send?.({ received, rejected, duplicates });
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
