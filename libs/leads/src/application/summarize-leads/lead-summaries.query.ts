import { Query } from '@nestjs/cqrs';
import type { Actor } from '@intake/access';
import type { LeadSummaryRow } from '../../infrastructure/lead-read-model';

/**
 * What another context shows of the leads it lists (scheduling's work queue): who the person is
 * and what they asked about, with no contact details. Answered by leads, which records the read
 * in the access log as it does for its own lists.
 */
export interface LeadSummariesProps {
  readonly leadIds: readonly string[];
  readonly actor: Actor;
  readonly requestId: string | null;
}

export class LeadSummariesQuery extends Query<LeadSummary[]> {
  constructor(readonly props: LeadSummariesProps) {
    super();
  }
}

export type LeadSummary = LeadSummaryRow & {
  /** The IANA zone of the lead's state, or null when it is unknown. */
  timeZone: string | null;
};
