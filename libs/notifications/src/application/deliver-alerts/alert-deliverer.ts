import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, PeriodicJob, TransactionRunner } from '@intake/platform';
import { composeMessage } from '../../domain/alert-message';
import { routeAlert } from '../../domain/alert-settings';
import {
  AlertDeliveryRepository,
  ClaimedDelivery,
} from '../../infrastructure/alert-delivery.repository';
import { AlertSettingsRepository } from '../../infrastructure/alert-settings.repository';
import { ChatChannel } from '../../infrastructure/channels/chat.channel';
import { MailChannel } from '../../infrastructure/channels/mail.channel';
import { NOTIFICATIONS_OPTIONS, NotificationsOptions } from '../../notifications-options';

const BATCH = 100;
const SEND_BATCH = 50;

/**
 * Sends the queued alerts, after the commit of the event that queued them, in the worker:
 * 1. releases held alerts and due digests;
 * 2. routes pending alerts by each person's settings: channels now, held through quiet hours,
 *    gathered for a digest, or skipped;
 * 3. sends due deliveries, each an attempt on one channel; a failure waits longer each time and
 *    after the last attempt the delivery is dead-lettered for an admin to see and send again.
 * At least once: a delivery is leased while it is sent, and tried again if the worker dies.
 */
@Injectable()
export class AlertDeliverer extends PeriodicJob {
  private readonly logger = new Logger(AlertDeliverer.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly deliveries: AlertDeliveryRepository,
    private readonly settings: AlertSettingsRepository,
    private readonly mail: MailChannel,
    private readonly chat: ChatChannel,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
  ) {
    super('alert-delivery', {
      intervalMs: options.delivery!.pollIntervalMs,
      autoStart: options.delivery!.autoStart,
    });
  }

  /** One round: release what waited, route, send. Tests call it to step the deliverer. */
  async runOnce(): Promise<void> {
    let n: number;
    do n = await this.release();
    while (n === BATCH);
    do n = await this.route();
    while (n === BATCH);
    do n = await this.sendDue();
    while (n === SEND_BATCH);
  }

  /** Pending alerts → deliveries, held, digest or skipped. Returns how many it looked at. */
  async route(): Promise<number> {
    return this.tx.run(async () => {
      const now = this.clock.now();
      const alerts = await this.deliveries.lockPending(BATCH);
      if (alerts.length === 0) return 0;
      const people = [...new Set(alerts.map((a) => a.staffId))];
      // One connection (the transaction's): one query at a time.
      const settings = await this.settings.settingsOf(people);
      const contacts = await this.deliveries.contactsOf(people);
      for (const alert of alerts) {
        const contact = contacts.get(alert.staffId);
        if (!contact?.active) {
          await this.deliveries.setStatus([alert.id], 'skipped', null);
          continue;
        }
        const route = routeAlert(alert, settings.get(alert.staffId)!, contact.email, now);
        switch (route.action) {
          case 'skip':
            await this.deliveries.setStatus([alert.id], 'skipped', null);
            break;
          case 'hold':
            await this.deliveries.setStatus([alert.id], 'held', route.until);
            break;
          case 'digest':
            await this.deliveries.setStatus([alert.id], 'digest', route.at);
            break;
          case 'send':
            await this.deliveries.addDeliveries(
              alert.staffId,
              route.channels,
              [alert.id],
              false,
              now,
            );
            await this.deliveries.setStatus([alert.id], 'routed', null);
        }
      }
      return alerts.length;
    });
  }

  /**
   * Held alerts whose quiet hours ended go back to routing; a person's due digest becomes one
   * delivery per channel carrying every alert they have waiting.
   */
  async release(): Promise<number> {
    return this.tx.run(async () => {
      const now = this.clock.now();
      const due = await this.deliveries.lockReleasable(now, BATCH);
      if (due.length === 0) return 0;
      await this.deliveries.setStatus(
        due.filter((a) => a.status === 'held').map((a) => a.id),
        'pending',
        null,
      );
      const digestPeople = [
        ...new Set(due.filter((a) => a.status === 'digest').map((a) => a.staffId)),
      ];
      if (digestPeople.length > 0) {
        const waiting = await this.deliveries.lockDigested(digestPeople);
        const settings = await this.settings.settingsOf(digestPeople);
        const contacts = await this.deliveries.contactsOf(digestPeople);
        for (const staffId of digestPeople) {
          const ids = waiting.filter((a) => a.staffId === staffId).map((a) => a.id);
          const contact = contacts.get(staffId);
          const person = settings.get(staffId)!;
          const channels = [
            ...(contact?.active && contact.email && person.emailEnabled
              ? (['email'] as const)
              : []),
            ...(contact?.active && person.chatWebhookUrl ? (['chat'] as const) : []),
          ];
          if (channels.length === 0) {
            await this.deliveries.setStatus(ids, 'skipped', null);
            continue;
          }
          await this.deliveries.addDeliveries(staffId, channels, ids, true, now);
          await this.deliveries.setStatus(ids, 'routed', null);
        }
      }
      return due.length;
    });
  }

  /** Due deliveries, sent side by side; returns how many were claimed. */
  async sendDue(): Promise<number> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + 3 * this.options.delivery!.sendTimeoutMs);
    const claimed = await this.deliveries.claimDue(now, lease, SEND_BATCH);
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const { publicUrl, maxAttempts } = this.options.delivery!;
    try {
      const alerts = await this.deliveries.alertsOf(delivery.alertIds);
      const message = composeMessage(alerts, publicUrl, delivery.digest);
      if (delivery.channel === 'email') {
        const email = (await this.deliveries.contactsOf([delivery.staffId])).get(
          delivery.staffId,
        )?.email;
        if (!email) throw new Error('the person has no email address');
        await this.mail.send(email, message);
      } else {
        const url = await this.deliveries.chatWebhookOf(delivery.staffId);
        if (!url) throw new Error('the person has no chat webhook');
        await this.chat.send(url, message);
      }
      await this.deliveries.markSent(delivery.id, this.clock.now());
    } catch (error) {
      const reason = describe(error);
      const last = delivery.attempts >= maxAttempts;
      const retryAt = last
        ? null
        : new Date(this.clock.now().getTime() + this.backoff(delivery.attempts));
      await this.deliveries.markFailed(delivery.id, reason, retryAt, this.clock.now());
      // Ids and the reason only: never the message, the address or the webhook.
      this.logger.warn(
        {
          delivery: delivery.id,
          channel: delivery.channel,
          attempt: delivery.attempts,
          error: reason,
        },
        last ? 'alert delivery dead-lettered' : 'alert delivery failed; will retry',
      );
    }
  }

  /** 1st retry after the first backoff, doubling, capped. */
  backoff(attempts: number): number {
    const { firstBackoffMs, maxBackoffMs } = this.options.delivery!;
    return Math.min(firstBackoffMs * 2 ** Math.max(0, attempts - 1), maxBackoffMs);
  }
}

/** The error's own words, short: an SMTP reply or a network error, never an address we hold. */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/<[^>]*@[^>]*>|[\w.+-]+@[\w.-]+/g, '[address]').slice(0, 300);
}
