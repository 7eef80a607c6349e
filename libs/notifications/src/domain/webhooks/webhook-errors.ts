import { DomainError, FieldError } from '@intake/kernel';

export class WebhookInvalidError extends DomainError {
  constructor(fields: FieldError[]) {
    super('validation', 'WEBHOOK.INVALID', 'The request is invalid.', fields);
  }
}

export class WebhookNotFoundError extends DomainError {
  constructor(id: string) {
    super('not_found', 'WEBHOOK.NOT_FOUND', `No webhook subscription ${id}.`);
  }
}

export class WebhookDeliveryNotFoundError extends DomainError {
  constructor(id: string) {
    super('not_found', 'WEBHOOK.DELIVERY_NOT_FOUND', `No webhook delivery ${id}.`);
  }
}
