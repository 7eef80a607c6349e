import { Query } from '@nestjs/cqrs';
import type { Actor } from '@intake/access';
import type { LeadSummary } from '@intake/leads';
import type { QueueItem, QueueKey } from './queue-item';

export interface QueuePageRequest {
  limit: number;
  /** Where the previous page ended, and the time its overdue was judged at. */
  after: { now: Date; key: QueueKey } | null;
}

export interface QueuePage {
  /** The time overdue was judged at: now for a first page, the first page's time after it. */
  now: Date;
  /** Open follow-ups in the whole queue, not only this page. */
  total: number;
  items: Array<QueueItem & { lead: LeadSummary }>;
  lastKey: QueueKey | null;
}

export interface GetQueueProps {
  readonly staffId: string;
  readonly page: QueuePageRequest;
  readonly actor: Actor;
  readonly requestId: string | null;
}

/**
 * A person's open follow-ups, the order they should be worked in, with who each is for (admins,
 * or the person).
 */
export class GetQueueQuery extends Query<QueuePage> {
  constructor(readonly props: GetQueueProps) {
    super();
  }
}
