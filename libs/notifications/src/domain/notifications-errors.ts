import { DomainError, FieldError } from '@intake/kernel';

export class InvalidAlertSettingsError extends DomainError {
  constructor(fields: FieldError[]) {
    super('validation', 'ALERT_SETTINGS.INVALID', 'These alert settings cannot be saved.', fields);
  }
}

export class DeadAlertDeliveryNotFoundError extends DomainError {
  constructor() {
    super('not_found', 'ALERT_DELIVERY.NOT_FOUND', 'No dead-lettered alert delivery has this id.');
  }
}

export class ParkedEventNotFoundError extends DomainError {
  constructor() {
    super('not_found', 'PARKED_EVENT.NOT_FOUND', 'No parked notifications record has this id.');
  }
}
