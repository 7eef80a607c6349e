import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AdminAuditRecorder, AuditContext } from '@intake/access';
import { EVENT_TYPES } from '@intake/events';
import { FieldError } from '@intake/kernel';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import {
  WebhookDeliveryNotFoundError,
  WebhookInvalidError,
  WebhookNotFoundError,
} from '../../domain/webhooks/webhook-errors';
import { eventTypeProblems, WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import { refusedAddressMessage, urlProblems } from '../../domain/webhooks/webhook-url-policy';
import { WebhookDeliveryRepository } from '../../infrastructure/webhooks/webhook-delivery.repository';
import {
  RefusedAddressError,
  resolvePinned,
} from '../../infrastructure/webhooks/webhook-http-sender';
import { WebhookSubscriptionRepository } from '../../infrastructure/webhooks/webhook-subscription.repository';
import { WebhooksConfig } from '../../infrastructure/webhooks/webhooks.config';
import type { DeliveryStatus, DeliveryView } from './webhook-delivery-views';

export interface WebhookInput {
  url: string;
  eventTypes: string[];
  description: string;
}

export type WebhookChange = Partial<WebhookInput> & { enabled?: boolean };

/** A subscription with its signing secret: what creating or rotating answers, once. */
export interface WebhookWithSecret {
  subscription: WebhookSubscription;
  secret: string;
}

/** How long creation waits for a host name to resolve before leaving it to the send-time check. */
const CREATE_LOOKUP_MS = 2_000;

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Webhook subscriptions and their deliveries, for admins. Every change is audited. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(WebhooksConfig) private readonly config: WebhooksConfig,
  ) {}

  list(): Promise<WebhookSubscription[]> {
    return this.subscriptions.list();
  }

  async get(id: string): Promise<WebhookSubscription> {
    const subscription = await this.subscriptions.find(id);
    if (!subscription) throw new WebhookNotFoundError(id);
    return subscription;
  }

  async create(input: WebhookInput, context: AuditContext): Promise<WebhookWithSecret> {
    await this.check(input);
    const now = this.clock.now();
    const subscription: WebhookSubscription = {
      id: this.ids.next(),
      url: input.url,
      eventTypes: input.eventTypes,
      description: input.description,
      enabled: true,
      disabledReason: null,
      disabledAt: null,
      createdAt: now,
      updatedAt: now,
    };
    const secret = newSigningSecret();
    await this.tx.run(async () => {
      await this.subscriptions.insert(subscription, secret);
      await this.audit.record(context, {
        action: 'webhook.created',
        targetId: subscription.id,
        before: null,
        after: subscription,
      });
    });
    return { subscription, secret };
  }

  async update(
    id: string,
    change: WebhookChange,
    context: AuditContext,
  ): Promise<WebhookSubscription> {
    await this.check(change);
    return this.tx.run(async () => {
      const before = await this.subscriptions.find(id, true);
      if (!before) throw new WebhookNotFoundError(id);
      const now = this.clock.now();
      const after: WebhookSubscription = {
        ...before,
        url: change.url ?? before.url,
        eventTypes: change.eventTypes ?? before.eventTypes,
        description: change.description ?? before.description,
        updatedAt: now,
      };
      if (change.enabled !== undefined && change.enabled !== before.enabled) {
        after.enabled = change.enabled;
        after.disabledReason = change.enabled ? null : 'admin';
        after.disabledAt = change.enabled ? null : now;
      }
      await this.subscriptions.update(after);
      await this.audit.record(context, { action: 'webhook.updated', targetId: id, before, after });
      return after;
    });
  }

  async delete(id: string, context: AuditContext): Promise<WebhookSubscription> {
    return this.tx.run(async () => {
      const before = await this.subscriptions.find(id, true);
      if (!before) throw new WebhookNotFoundError(id);
      await this.subscriptions.delete(id);
      await this.audit.record(context, {
        action: 'webhook.deleted',
        targetId: id,
        before,
        after: null,
      });
      return before;
    });
  }

  /**
   * A new secret, in force at once; deliveries are signed with the old one as well for
   * WEBHOOKS_SECRET_OVERLAP_HOURS, so the receiver can switch without missing one.
   */
  async rotateSecret(id: string, context: AuditContext): Promise<WebhookWithSecret> {
    const secret = newSigningSecret();
    return this.tx.run(async () => {
      const subscription = await this.subscriptions.find(id, true);
      if (!subscription) throw new WebhookNotFoundError(id);
      const now = this.clock.now();
      const overlapMs = this.config.WEBHOOKS_SECRET_OVERLAP_HOURS * 3_600_000;
      await this.subscriptions.rotateSecret(id, secret, now, new Date(now.getTime() + overlapMs));
      await this.audit.record(context, {
        action: 'webhook.secret_rotated',
        targetId: id,
        before: null,
        after: null,
      });
      return { subscription: { ...subscription, updatedAt: now }, secret };
    });
  }

  async listDeliveries(
    id: string,
    filter: { status?: DeliveryStatus; limit: number; before?: string },
  ): Promise<{ items: DeliveryView[]; hasMore: boolean }> {
    await this.get(id);
    const rows = await this.deliveries.list(id, { ...filter, limit: filter.limit + 1 });
    return { items: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
  }

  /** Queues the delivery again (same `webhook-id`); it goes out once the subscription is on. */
  async redeliver(id: string, deliveryId: string, context: AuditContext): Promise<DeliveryView> {
    await this.tx.run(async () => {
      await this.get(id);
      if (!(await this.deliveries.requeue(id, deliveryId, this.clock.now()))) {
        throw new WebhookDeliveryNotFoundError(deliveryId);
      }
      await this.audit.record(context, {
        action: 'webhook_delivery.redelivered',
        targetId: deliveryId,
        before: null,
        after: { subscriptionId: id },
      });
    });
    return (await this.deliveries.find(id, deliveryId))!;
  }

  /**
   * The rules a request's shape cannot say: the URL under the policy (a host name is resolved
   * now, and every address it has must be allowed; one that does not resolve yet is judged at
   * send time), and event types from the catalog.
   */
  private async check(input: Partial<WebhookInput>): Promise<void> {
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
