import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AlertDeliveryRepository } from '../../infrastructure/alert-delivery.repository';
import { DeadDelivery } from './dead-delivery';
import { ListDeadAlertDeliveriesQuery } from './list-dead-alert-deliveries.query';

const LIST_LIMIT = 200;

@QueryHandler(ListDeadAlertDeliveriesQuery)
export class ListDeadAlertDeliveriesHandler implements IQueryHandler<
  ListDeadAlertDeliveriesQuery,
  DeadDelivery[]
> {
  constructor(private readonly deliveries: AlertDeliveryRepository) {}

  execute(): Promise<DeadDelivery[]> {
    return this.deliveries.listDead(LIST_LIMIT);
  }
}
