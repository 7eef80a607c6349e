import { DomainError, FieldError } from '@intake/kernel';

export class SchedulingInvalidError extends DomainError {
  constructor(fields: FieldError[]) {
    super('validation', 'SCHEDULING.INVALID', 'The request is invalid.', fields);
  }
}

export class PoolNotFoundError extends DomainError {
  constructor(id: string) {
    super('not_found', 'SCHEDULING.POOL_NOT_FOUND', `No routing pool ${id}.`);
  }
}

export class PoolInUseError extends DomainError {
  constructor(id: string, reason: string) {
    super('conflict', 'SCHEDULING.POOL_IN_USE', `Routing pool ${id} ${reason}.`);
  }
}

export class AwayPeriodNotFoundError extends DomainError {
  constructor(id: string) {
    super('not_found', 'SCHEDULING.AWAY_PERIOD_NOT_FOUND', `No away period ${id}.`);
  }
}

export class NoOpenFollowUpError extends DomainError {
  constructor(leadId: string) {
    super('conflict', 'FOLLOWUP.NONE_OPEN', `Lead ${leadId} has no open follow-up.`);
  }
}
