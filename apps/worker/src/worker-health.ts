import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxBacklog, OutboxRelay, OutboxStats } from '@intake/events';
import { Check, checkDatabase, HealthAnswer } from '@intake/platform';

export interface WorkerReadiness {
  /** `degraded`: records are parked, or the relay is stopped or failing (Kafka out of reach). */
  status: 'ok' | 'degraded' | 'unavailable';
  checks: {
    database: Check;
    relay: { running: boolean; consecutiveFailures: number };
    /** Null when the database did not answer in time. */
    outbox: OutboxBacklog | null;
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
  ) {}

  async ready(): Promise<HealthAnswer> {
    const [database, outbox] = await Promise.all([
      checkDatabase(this.dataSource),
      this.outbox.backlog().catch(() => null),
    ]);
    const relay = this.relay.status();
    const healthy =
      relay.running && relay.consecutiveFailures === 0 && outbox !== null && outbox.parked === 0;
    const body: WorkerReadiness = {
      status: database === 'down' ? 'unavailable' : healthy ? 'ok' : 'degraded',
      checks: { database, relay, outbox },
    };
    return { ready: database === 'up', body };
  }
}
