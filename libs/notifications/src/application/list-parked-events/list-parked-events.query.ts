import { Query } from '@nestjs/cqrs';

export interface ParkedEvent {
  id: string;
  eventId: string | null;
  type: string | null;
  topic: string;
  partition: number;
  offset: string;
  error: string;
  attempts: number;
  parkedAt: Date;
}

/** Lead-events records the notifications consumer parked, newest first (at most 200). */
export class ListParkedEventsQuery extends Query<ParkedEvent[]> {}
