import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';

const COUNTS = sql<Record<string, never>, { parked: number; dead: number }>(
  `SELECT (SELECT count(*) FROM notification_parked_events)::int AS parked,
          (SELECT count(*) FROM alert_deliveries WHERE status = 'dead')::int AS dead`,
);

/**
 * For the worker's health: what waits for an admin, records the consumer parked and alert
 * deliveries that failed every attempt. Not an endpoint's use case; the admin lists are
 * ListParkedEventsQuery and ListDeadAlertDeliveriesQuery.
 */
@Injectable()
export class DeadLetterCounts {
  constructor(private readonly tx: TransactionRunner) {}

  async counts(): Promise<{ parkedEvents: number; deadDeliveries: number }> {
    const row = (await COUNTS.one(this.tx.manager(), {}))!;
    return { parkedEvents: row.parked, deadDeliveries: row.dead };
  }
}
