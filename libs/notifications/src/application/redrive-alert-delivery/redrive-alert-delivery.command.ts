import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';

export interface RedriveAlertDeliveryProps {
  readonly deliveryId: string;
  readonly context: AuditContext;
}

/** Back to pending with fresh attempts; the worker sends it within its poll interval. */
export class RedriveAlertDeliveryCommand extends Command<void> {
  constructor(readonly props: RedriveAlertDeliveryProps) {
    super();
  }
}
