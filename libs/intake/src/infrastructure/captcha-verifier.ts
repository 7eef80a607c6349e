import { Logger } from '@nestjs/common';
import type { CaptchaProvider } from '../domain/form';

export type CaptchaVerdict = 'passed' | 'failed' | 'unavailable';

export interface CaptchaEndpoints {
  /** Siteverify URLs; the providers' own unless a test or a proxy says otherwise. */
  turnstile: string;
  hcaptcha: string;
  timeoutMs: number;
}

/**
 * Asks the captcha provider whether the widget's response is good, through its documented
 * siteverify API (Cloudflare Turnstile and hCaptcha speak the same contract: a form-encoded
 * POST of `secret` and `response`, a JSON answer with `success` and `error-codes`). The person's
 * address is not sent: the provider does not need it to judge the token.
 */
export class CaptchaVerifier {
  private readonly logger = new Logger(CaptchaVerifier.name);

  constructor(private readonly endpoints: CaptchaEndpoints) {}

  async verify(
    provider: CaptchaProvider,
    secret: string,
    response: string,
    siteKey: string,
  ): Promise<CaptchaVerdict> {
    const body = new URLSearchParams({ secret, response });
    // hCaptcha checks the response was made for this site key when it is given.
    if (provider === 'hcaptcha') body.set('sitekey', siteKey);
    let answer: Response;
    try {
      answer = await fetch(this.endpoints[provider], {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(this.endpoints.timeoutMs),
      });
    } catch (error) {
      this.logger.warn({ provider, err: (error as Error).name }, 'captcha provider unreachable');
      return 'unavailable';
    }
    if (!answer.ok) {
      this.logger.warn({ provider, status: answer.status }, 'captcha provider refused to answer');
      return 'unavailable';
    }
    let result: { success?: unknown; 'error-codes'?: unknown };
    try {
      result = (await answer.json()) as typeof result;
    } catch {
      this.logger.warn({ provider }, 'captcha provider answered something other than JSON');
      return 'unavailable';
    }
    if (result.success === true) return 'passed';
    const codes = Array.isArray(result['error-codes']) ? result['error-codes'].map(String) : [];
    // Our own secret being wrong, or the provider failing, says nothing about the person.
    if (codes.some((c) => PROVIDER_SIDE.has(c))) {
      this.logger.warn({ provider, codes }, 'captcha verification failed on our side');
      return 'unavailable';
    }
    return 'failed';
  }
}

/** Error codes that are about the site's setup or the provider, not the visitor's answer. */
const PROVIDER_SIDE = new Set([
  'missing-input-secret',
  'invalid-input-secret',
  'internal-error',
  'sitekey-secret-mismatch',
  'bad-request',
]);
