import { Query } from '@nestjs/cqrs';
import type { DeadDelivery } from './dead-delivery';

/** Alert deliveries that failed every attempt, newest first (at most 200). */
export class ListDeadAlertDeliveriesQuery extends Query<DeadDelivery[]> {}
