import type { PostgresConnection } from '@intake/platform';
import { KafkaConnection } from '../infrastructure/kafka/kafka-client';
import { TopicSettings } from '../infrastructure/kafka/kafka-publisher';

export const RELAY_OPTIONS = Symbol('RELAY_OPTIONS');

export interface RelayOptions extends TopicSettings {
  /** For the relay's own LISTEN connection. */
  database: PostgresConnection;
  kafka: KafkaConnection;
  batchSize: number;
  pollIntervalMs: number;
  maxBackoffMs: number;
  /** Refusals of one record before it is parked (RELAY_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** How long published rows stay in the outbox before the pruner deletes them. */
  retentionHours: number;
  /** Start relaying when the application boots (the worker); tests start it by hand. */
  autoStart: boolean;
}
