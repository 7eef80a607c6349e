import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';

/**
 * For the worker's health: what waits for an admin, records the consumer parked and alert
 * deliveries that failed every attempt. Not an endpoint's use case; the admin lists are
 * ListParkedEventsQuery and ListDeadAlertDeliveriesQuery.
 */
@Injectable()
export class DeadLetterCounts {
  constructor(private readonly tx: TransactionRunner) {}

  async counts(): Promise<{ parkedEvents: number; deadDeliveries: number }> {
    const rows: Array<{ parked: number; dead: number }> = await this.tx.manager().query(
      `SELECT (SELECT count(*) FROM notification_parked_events)::int AS parked,
              (SELECT count(*) FROM alert_deliveries WHERE status = 'dead')::int AS dead`,
    );
    return { parkedEvents: rows[0]!.parked, deadDeliveries: rows[0]!.dead };
  }
}
