import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { Webhook } from 'standardwebhooks';
import { Clock, IdGenerator, Metrics, PeriodicJob, TransactionRunner } from '@intake/platform';
import { isDelivered, nextAttemptAt } from '../../domain/webhooks/webhook-retry';
import {
  ClaimedDelivery,
  WebhookDeliveryRepository,
} from '../../infrastructure/webhooks/webhook-delivery.repository';
import { WebhookHttpSender } from '../../infrastructure/webhooks/webhook-http-sender';
import { WebhookSubscriptionRepository } from '../../infrastructure/webhooks/webhook-subscription.repository';
import { WebhooksConfig } from '../../infrastructure/webhooks/webhooks.config';
import { NOTIFICATIONS_OPTIONS, NotificationsOptions } from '../../notifications-options';
import { Alerts } from '../send-alerts/alerts';

/**
 * Sends queued webhook deliveries, after the commit that queued them, signed as the Standard
 * Webhooks specification says (`webhook-id` = the event id, `webhook-timestamp`,
 * `webhook-signature`). A subscription gets each lead's events in order; a failed attempt is
 * retried with exponential backoff for up to a day, and a delivery still failing then is given up
 * and its subscription turned off, with an urgent alert to the admins. At least once: a deliverer
 * that dies mid-send leaves its deliveries to be sent again when their lease ends.
 */
@Injectable()
export class WebhookDeliverer extends PeriodicJob {
  private readonly logger = new Logger(WebhookDeliverer.name);
  private readonly sender = new WebhookHttpSender();
  private readonly attempts: Counter<'result'>;
  private readonly latency: Histogram;

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly alerts: Alerts,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(WebhooksConfig) private readonly config: WebhooksConfig,
    // Polls on a timer unless `autoStart` is false: tests and the bench call `deliverDue`.
    @Inject(NOTIFICATIONS_OPTIONS) options: NotificationsOptions,
    metrics: Metrics,
  ) {
    super('webhook-deliveries', {
      intervalMs: config.WEBHOOKS_POLL_INTERVAL_MS,
      autoStart: options.autoStart ?? true,
    });
    this.attempts = metrics.counter({
      name: 'intake_webhook_attempts_total',
      help: 'Webhook delivery attempts, by result: delivered, retry (failed, tried again later), given_up (failed for the whole retry window).',
      labelNames: ['result'],
    });
    this.latency = metrics.histogram({
      name: 'intake_webhook_attempt_seconds',
      help: 'Time of one webhook attempt, from resolving the host to the end of the answer.',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
  }

  /** Sends everything due: a full batch means more may be due, so until a batch comes back short. */
  async runOnce(): Promise<void> {
    let sent: number;
    do sent = await this.deliverDue();
    while (sent === this.config.WEBHOOKS_BATCH_SIZE);
  }

  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
    this.sender.close();
  }

  /** Sends one batch of what is due now, at once; how many were sent (or tried). */
  async deliverDue(): Promise<number> {
    const now = this.clock.now();
    // Longer than one attempt can take, so a lease only runs out on a deliverer that died.
    const leaseUntil = new Date(now.getTime() + 2 * this.config.WEBHOOKS_TIMEOUT_MS + 5_000);
    const claimed = await this.deliveries.claimDue(
      now,
      leaseUntil,
      this.config.WEBHOOKS_BATCH_SIZE,
    );
    await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
    return claimed.length;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    const sentAt = this.clock.now();
    const headers = {
      'webhook-id': delivery.eventId,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      // One signature per secret in force, space-separated: the receiver needs one to match.
      'webhook-signature': delivery.secrets
        .map((secret) => new Webhook(secret).sign(delivery.eventId, sentAt, body))
        .join(' '),
    };
    const response = await this.sender.send(
      { url: delivery.url, headers, body },
      {
        policy: this.config.urlPolicy(),
        timeoutMs: this.config.WEBHOOKS_TIMEOUT_MS,
        maxResponseBytes: this.config.WEBHOOKS_MAX_RESPONSE_BYTES,
      },
    );
    const attempt = {
      id: this.ids.next(),
      deliveryId: delivery.id,
      at: sentAt,
      statusCode: response.statusCode,
      latencyMs: response.latencyMs,
      error:
        response.error ??
        (response.statusCode !== null && !isDelivered(response.statusCode)
          ? `answered ${response.statusCode}`
          : null),
    };
    const firstAttemptAt = delivery.firstAttemptAt ?? sentAt;
    const delivered = response.statusCode !== null && isDelivered(response.statusCode);
    const next = delivered
      ? null
      : nextAttemptAt(
          delivery.attempts + 1,
          firstAttemptAt,
          this.clock.now(),
          this.config.retryPolicy(),
        );
    try {
      await this.tx.run(async () => {
        const recorded = await this.deliveries.recordOutcome(
          attempt,
          firstAttemptAt,
          delivered
            ? { status: 'delivered' }
            : next
              ? { status: 'pending', nextAt: next }
              : { status: 'failed' },
        );
        if (recorded && !delivered && !next) await this.turnOff(delivery.subscriptionId);
      });
      this.attempts.inc({ result: delivered ? 'delivered' : next ? 'retry' : 'given_up' });
      this.latency.observe(response.latencyMs / 1000);
    } catch (error) {
      // The lease brings it back; the receiver may see it twice, which `webhook-id` tells it.
      this.logger.warn(
        { deliveryId: delivery.id, error: error instanceof Error ? error.message : String(error) },
        'webhook delivery outcome not recorded',
      );
    }
  }

  /** A delivery failed for the whole retry window: the subscription is off until an admin acts. */
  private async turnOff(subscriptionId: string): Promise<void> {
    const at = this.clock.now();
    if (!(await this.subscriptions.disableFailing(subscriptionId, at))) return;
    this.logger.warn({ subscriptionId }, 'webhook subscription turned off after failing');
    await this.alerts.send({
      kind: 'webhook_disabled',
      to: { admins: true },
      urgency: 'urgent',
      dedupeKey: `webhook-disabled:${subscriptionId}:${at.toISOString()}`,
      // The console has no webhooks screen: the admin API is where they are seen and turned on.
      title: `A webhook was turned off after a day of failed deliveries — see GET /v1/webhooks/${subscriptionId}/deliveries`,
      link: null,
      leadId: null,
    });
  }
}
