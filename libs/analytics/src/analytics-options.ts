import { RecordPosition } from './infrastructure/projection.repository';

export const ANALYTICS_OPTIONS = Symbol('ANALYTICS_OPTIONS');

export interface AnalyticsOptions {
  databaseUrl: string;
  brokers: string[];
  clientId: string;
  topic: string;
  groupId: string;
  deadLetterTopic: string;
  /** Start consuming when the application boots (the app); tests start it by hand. */
  autoStart: boolean;
  /**
   * Tests only: called after a record's transaction committed and before its offset is;
   * returning false stops this instance right there, as if its process had died.
   */
  beforeOffsetCommit?: (at: RecordPosition) => boolean | Promise<boolean>;
}
