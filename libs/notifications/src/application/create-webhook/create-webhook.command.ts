import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import type { WebhookInput } from './webhook-input-check';

export interface CreateWebhookProps extends Readonly<WebhookInput> {
  readonly context: AuditContext;
}

/** A subscription with its signing secret: what creating or rotating answers, once. */
export interface WebhookWithSecret {
  subscription: WebhookSubscription;
  secret: string;
}

export class CreateWebhookCommand extends Command<WebhookWithSecret> {
  constructor(readonly props: CreateWebhookProps) {
    super();
  }
}
