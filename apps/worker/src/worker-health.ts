import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxBacklog, OutboxRelay, OutboxStats } from '@intake/events';
import { DeadLetterCounts } from '@intake/notifications';
import { Check, checkDatabase, HealthAnswer } from '@intake/platform';

export interface WorkerReadiness {
  /**
   * `degraded`: records are parked (by the relay or the notifications consumer), alert
   * deliveries are dead-lettered, or the relay is stopped or failing (Kafka out of reach).
   */
  status: 'ok' | 'degraded' | 'unavailable';
  checks: {
    database: Check;
    relay: { running: boolean; consecutiveFailures: number };
    /** Null when the database did not answer in time. */
    outbox: OutboxBacklog | null;
    /** What waits for an admin (`GET /v1/notifications/parked-events`, `/v1/alert-deliveries/dead`). */
    notifications: { parkedEvents: number; deadDeliveries: number } | null;
  };
}

/**
 * The worker's readiness, served on its metrics listener (it has no other): ready when
 * PostgreSQL answers; parked records and a relay that cannot reach Kafka make it `degraded`, as
 * the API is while Kafka is down.
 */
@Injectable()
export class WorkerHealth {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly outbox: OutboxStats,
    private readonly notifications: DeadLetterCounts,
  ) {}

  async ready(): Promise<HealthAnswer> {
    const [database, outbox, notifications] = await Promise.all([
      checkDatabase(this.dataSource),
      this.outbox.backlog().catch(() => null),
      this.notifications.counts().catch(() => null),
    ]);
    const relay = this.relay.status();
    const healthy =
      relay.running &&
      relay.consecutiveFailures === 0 &&
      outbox !== null &&
      outbox.parked === 0 &&
      notifications !== null &&
      notifications.parkedEvents === 0 &&
      notifications.deadDeliveries === 0;
    const body: WorkerReadiness = {
      status: database === 'down' ? 'unavailable' : healthy ? 'ok' : 'degraded',
      checks: { database, relay, outbox, notifications },
    };
    return { ready: database === 'up', body };
  }
}
