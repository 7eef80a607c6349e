import type { FollowUpState } from '../../domain/follow-up';

export interface QueueItem extends FollowUpState {
  overdue: boolean;
}

/** A queue row's sort key: overdue, priority rank, due time (ISO, microseconds), id. */
export type QueueKey = [overdue: boolean, priorityRank: number, dueAt: string, id: string];
