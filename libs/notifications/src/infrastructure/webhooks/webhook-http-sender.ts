import { lookup } from 'node:dns/promises';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import ipaddr from 'ipaddr.js';
import { withTimeout } from '@intake/platform';
import {
  hostOf,
  isAddressAllowed,
  WebhookUrlPolicy,
} from '../../domain/webhooks/webhook-url-policy';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface WebhookSendLimits {
  policy: WebhookUrlPolicy;
  /** For the whole exchange: resolving, connecting, sending and reading the answer. */
  timeoutMs: number;
  /** Read at most this much of the answer; the connection is cut after it. */
  maxResponseBytes: number;
}

/** What came of one attempt; `error` is Intake's own words, never the receiver's body. */
export interface WebhookResponse {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** Raised before any connection when the host resolves to an address the policy refuses. */
export class RefusedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`refused: ${host} resolves to ${address}`);
  }
}

/**
 * Resolves the host to the addresses it has now; every one must be allowed by the policy, and
 * the connection is made to the first, pinned (the request's own lookup answers with it), so a
 * DNS answer that changes between the check and the connection cannot point it elsewhere.
 */
export async function resolvePinned(
  url: URL,
  policy: WebhookUrlPolicy,
  timeoutMs: number,
): Promise<{ address: string; family: 4 | 6 }> {
  const host = hostOf(url);
  const addresses = ipaddr.isValid(host)
    ? [{ address: host, family: host.includes(':') ? 6 : 4 }]
    : await withTimeout(lookup(host, { all: true, verbatim: true }), timeoutMs);
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  const refused = addresses.find((a) => !isAddressAllowed(a.address, policy));
  if (refused) throw new RefusedAddressError(host, refused.address);
  return { address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}

/**
 * Sends webhook requests: one POST, no redirects followed (a 3xx is a failed attempt), an overall
 * deadline, and a capped read of the answer. Connections are kept alive between deliveries.
 */
export class WebhookHttpSender {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 16 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 16 });

  async send(request: WebhookRequest, limits: WebhookSendLimits): Promise<WebhookResponse> {
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    const signal = AbortSignal.timeout(limits.timeoutMs);
    try {
      const url = new URL(request.url);
      const pinned = await resolvePinned(url, limits.policy, limits.timeoutMs);
      const statusCode = await this.post(url, pinned, request, limits, signal);
      return { statusCode, latencyMs: took(), error: null };
    } catch (error) {
      const message =
        signal.aborted || (error instanceof Error && /timed out/.test(error.message))
          ? `timed out after ${limits.timeoutMs} ms`
          : describe(error);
      return { statusCode: null, latencyMs: took(), error: message };
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private post(
    url: URL,
    pinned: { address: string; family: 4 | 6 },
    request: WebhookRequest,
    limits: WebhookSendLimits,
    signal: AbortSignal,
  ): Promise<number> {
    const pinnedLookup: LookupFunction = (_host, options, callback) => {
      if (options.all) callback(null, [pinned]);
      else callback(null, pinned.address, pinned.family);
    };
    const https = url.protocol === 'https:';
    return new Promise<number>((resolve, reject) => {
      const req = (https ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(request.body)),
            'user-agent': 'Intake-Webhooks/1',
          },
          agent: https ? this.httpsAgent : this.httpAgent,
          lookup: pinnedLookup,
          signal,
        },
        (res) =>
          void readCapped(res, limits.maxResponseBytes).then((whole) =>
            // An answer cut off before its end (the deadline passed while it trickled in) fails.
            whole ? resolve(res.statusCode ?? 0) : reject(new Error('answer cut off')),
          ),
      );
      req.on('error', reject);
      req.end(request.body);
    });
  }
}

/**
 * Reads up to `max` bytes of the answer, then lets the rest go (and the connection with it).
 * True when the answer ended or the cap was reached; false when it was cut off before either.
 */
function readCapped(res: IncomingMessage, max: number): Promise<boolean> {
  return new Promise((resolve) => {
    let read = 0;
    let settled = false;
    const settle = (whole: boolean) => {
      if (settled) return;
      settled = true;
      res.removeAllListeners('data');
      resolve(whole);
    };
    res.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read > max) {
        settle(true);
        res.destroy();
      }
    });
    res.on('end', () => settle(true));
    res.on('error', () => settle(false));
    res.on('close', () => settle(res.complete));
  });
}

function describe(error: unknown): string {
  if (error instanceof RefusedAddressError) return error.message;
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `connection failed: ${code}` : message.slice(0, 200);
}
