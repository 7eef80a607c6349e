import { Query } from '@nestjs/cqrs';
import type { FollowUpState } from '../../domain/follow-up';

export interface ListLeadFollowUpsProps {
  readonly leadId: string;
}

/** A lead's follow-ups, newest first; LEAD.NOT_FOUND when there is no such lead. */
export class ListLeadFollowUpsQuery extends Query<FollowUpState[]> {
  constructor(readonly props: ListLeadFollowUpsProps) {
    super();
  }
}
