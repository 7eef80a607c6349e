import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import type { WebhookInput } from '../create-webhook/webhook-input-check';

/** Absent keeps the value; `enabled: false` turns deliveries off as the admin's choice. */
export type WebhookChange = Partial<WebhookInput> & { enabled?: boolean };

export interface UpdateWebhookProps {
  readonly webhookId: string;
  readonly change: WebhookChange;
  readonly context: AuditContext;
}

export class UpdateWebhookCommand extends Command<WebhookSubscription> {
  constructor(readonly props: UpdateWebhookProps) {
    super();
  }
}
