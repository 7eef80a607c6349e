import type { KafkaConnection } from '@intake/events';
import type { PostgresConnection } from '@intake/platform';
import { RecordPosition } from './infrastructure/projection.repository';

export const ANALYTICS_OPTIONS = Symbol('ANALYTICS_OPTIONS');

export interface AnalyticsOptions {
  /** For the analytics schema's migrations. */
  database: PostgresConnection;
  kafka: KafkaConnection;
  topic: string;
  groupId: string;
  deadLetterTopic: string;
  /** Start consuming when the application boots (the app); tests start it by hand. */
  autoStart: boolean;
  /**
   * Most records of one partition applied in one transaction, and acknowledged with one offset
   * commit after it (`ANALYTICS_BATCH_SIZE`).
   */
  maxRecordsPerTransaction: number;
  /**
   * Tests only: called after a transaction committed (`records` of them, the last at `at`) and
   * before the offset is; returning false stops this instance right there, as if its process
   * had died.
   */
  beforeOffsetCommit?: (at: RecordPosition, records: number) => boolean | Promise<boolean>;
}
