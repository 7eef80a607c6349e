import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StartTokenReading } from '../domain/spam';

/** A visitor's clock is not involved, but api instances' clocks may differ by a little. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Start tokens: the server's word for when a visitor opened a form. `<payload>.<mac>`, both
 * base64url; the payload is `{f: formKey, t: epoch ms, n: nonce}`, the MAC an HMAC-SHA256 of it
 * with START_TOKEN_SECRET. Stateless: any api instance with the secret can read any token.
 */
export class StartTokens {
  constructor(
    private readonly secret: string,
    private readonly maxAgeMs: number,
  ) {}

  issue(formKey: string, now: Date): { startToken: string; expiresAt: Date } {
    const payload = Buffer.from(
      JSON.stringify({ f: formKey, t: now.getTime(), n: randomBytes(6).toString('base64url') }),
    ).toString('base64url');
    return {
      startToken: `${payload}.${this.mac(payload)}`,
      expiresAt: new Date(now.getTime() + this.maxAgeMs),
    };
  }

  read(token: string | null, formKey: string, now: Date): StartTokenReading {
    if (token === null) return { status: 'missing' };
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined || !this.macMatches(payload, mac)) {
      return { status: 'forged' };
    }
    let claims: { f?: unknown; t?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { status: 'forged' };
    }
    if (typeof claims.t !== 'number' || !Number.isFinite(claims.t)) return { status: 'forged' };
    if (claims.f !== formKey) return { status: 'other_form' };
    const age = now.getTime() - claims.t;
    if (age < -CLOCK_SKEW_MS) return { status: 'forged' };
    if (age > this.maxAgeMs) return { status: 'expired' };
    return { status: 'valid', startedAt: new Date(Math.min(claims.t, now.getTime())) };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }

  private macMatches(payload: string, mac: string): boolean {
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
