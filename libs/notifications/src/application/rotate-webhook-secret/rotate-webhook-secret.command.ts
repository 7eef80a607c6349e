import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { WebhookWithSecret } from '../create-webhook/create-webhook.command';

export interface RotateWebhookSecretProps {
  readonly webhookId: string;
  readonly context: AuditContext;
}

export class RotateWebhookSecretCommand extends Command<WebhookWithSecret> {
  constructor(readonly props: RotateWebhookSecretProps) {
    super();
  }
}
