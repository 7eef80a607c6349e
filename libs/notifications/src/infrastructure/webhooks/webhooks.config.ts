import {
  IsIn,
  IsInt,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { asInt } from '@intake/platform';
import { isTargetSpec, WebhookUrlPolicy } from '../../domain/webhooks/webhook-url-policy';
import { WebhookRetryPolicy } from '../../domain/webhooks/webhook-retry';

/** The allow-list is a comma-separated list of addresses and CIDR ranges. */
@ValidatorConstraint({ name: 'webhookTargets' })
class TargetList implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && splitTargets(value).every(isTargetSpec);
  }

  defaultMessage(): string {
    return 'must be a comma-separated list of IP addresses or CIDR ranges';
  }
}

function splitTargets(value: string): string[] {
  return value
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** The address local development may always send to, with plain http. */
export const LOCAL_DEVELOPMENT_TARGET = '127.0.0.1';

/** Signed webhooks: where they may go, and how they are sent and retried. Read by api and worker. */
export class WebhooksConfig {
  /** Production: https only, and no special address unless WEBHOOKS_ALLOWED_TARGETS names it. */
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  /**
   * Private, loopback, link-local or reserved addresses (or CIDR ranges) webhooks may be sent to
   * all the same, e.g. an integration host inside the clinic's network. Outside production,
   * 127.0.0.1 is always allowed.
   */
  @Validate(TargetList)
  WEBHOOKS_ALLOWED_TARGETS = '';

  /** How often the worker looks for deliveries to send. */
  @asInt()
  @IsInt()
  @Min(50)
  @Max(60_000)
  WEBHOOKS_POLL_INTERVAL_MS = 1_000;

  /** Deliveries sent at once by each worker (at most one per subscription and lead). */
  @asInt()
  @IsInt()
  @Min(1)
  @Max(500)
  WEBHOOKS_BATCH_SIZE = 50;

  /** A receiver that has not answered in full within this has failed the attempt. */
  @asInt()
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOKS_TIMEOUT_MS = 10_000;

  /** Only this much of a receiver's answer is read; the rest is dropped. */
  @asInt()
  @IsInt()
  @Min(0)
  @Max(1_048_576)
  WEBHOOKS_MAX_RESPONSE_BYTES = 16_384;

  /** The wait after a first failure; it doubles after each, up to WEBHOOKS_RETRY_MAX_MS. */
  @asInt()
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  WEBHOOKS_RETRY_FIRST_MS = 10_000;

  @asInt()
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  WEBHOOKS_RETRY_MAX_MS = 3_600_000;

  /**
   * A delivery still failing this long after its first attempt is given up, and its subscription
   * is turned off, with an alert to the admins.
   */
  @asInt()
  @IsInt()
  @Min(1)
  @Max(24 * 7)
  WEBHOOKS_RETRY_WINDOW_HOURS = 24;

  /**
   * After a secret is rotated, deliveries are signed with the old one too (a second signature in
   * `webhook-signature`) for this long, so a receiver can switch without missing one. 0: at once.
   */
  @asInt()
  @IsInt()
  @Min(0)
  @Max(24 * 7)
  WEBHOOKS_SECRET_OVERLAP_HOURS = 24;

  urlPolicy(): WebhookUrlPolicy {
    const production = this.NODE_ENV === 'production';
    return {
      requireHttps: production,
      allowedTargets: [
        ...splitTargets(this.WEBHOOKS_ALLOWED_TARGETS),
        ...(production ? [] : [LOCAL_DEVELOPMENT_TARGET]),
      ],
    };
  }

  retryPolicy(): WebhookRetryPolicy {
    return {
      firstRetryMs: this.WEBHOOKS_RETRY_FIRST_MS,
      maxRetryMs: this.WEBHOOKS_RETRY_MAX_MS,
      giveUpAfterMs: this.WEBHOOKS_RETRY_WINDOW_HOURS * 3_600_000,
    };
  }
}
