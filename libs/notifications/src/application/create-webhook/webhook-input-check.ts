import { Inject, Injectable } from '@nestjs/common';
import { EVENT_TYPES } from '@intake/events';
import { FieldError } from '@intake/kernel';
import { WebhookInvalidError } from '../../domain/webhooks/webhook-errors';
import { eventTypeProblems } from '../../domain/webhooks/webhook-subscription';
import { refusedAddressMessage, urlProblems } from '../../domain/webhooks/webhook-url-policy';
import {
  RefusedAddressError,
  resolvePinned,
} from '../../infrastructure/webhooks/webhook-http-sender';
import { WebhooksConfig } from '../../infrastructure/webhooks/webhooks.config';

/** What an admin says of a subscription: where it goes, which events, and a note. */
export interface WebhookInput {
  url: string;
  eventTypes: string[];
  description: string;
}

/** How long creation waits for a host name to resolve before leaving it to the send-time check. */
const CREATE_LOOKUP_MS = 2_000;

/** The checks creating and changing a subscription share. */
@Injectable()
export class WebhookInputCheck {
  constructor(@Inject(WebhooksConfig) private readonly config: WebhooksConfig) {}

  /**
   * The rules a request's shape cannot say: the URL under the policy (a host name is resolved
   * now, and every address it has must be allowed; one that does not resolve yet is judged at
   * send time), and event types from the catalog.
   */
  async check(input: Partial<WebhookInput>): Promise<void> {
    const problems: FieldError[] = [];
    if (input.eventTypes !== undefined) {
      problems.push(...eventTypeProblems(input.eventTypes, EVENT_TYPES));
    }
    if (input.url !== undefined) {
      const policy = this.config.urlPolicy();
      const urlErrors = urlProblems(input.url, policy);
      problems.push(...urlErrors);
      if (urlErrors.length === 0) {
        try {
          await resolvePinned(new URL(input.url), policy, CREATE_LOOKUP_MS);
        } catch (error) {
          if (error instanceof RefusedAddressError) {
            problems.push({ field: 'url', message: refusedAddressMessage(error.address) });
          }
        }
      }
    }
    if (problems.length > 0) throw new WebhookInvalidError(problems);
  }
}
