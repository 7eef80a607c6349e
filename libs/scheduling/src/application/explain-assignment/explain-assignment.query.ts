import { Query } from '@nestjs/cqrs';
import type { AssignmentDecision } from '../../infrastructure/decision.repository';

export interface AssignmentExplanation {
  leadId: string;
  ownerId: string | null;
  /** When routing will try again, if the lead is waiting for an owner. */
  waitingUntil: Date | null;
  decisions: AssignmentDecision[];
  /** Names of everyone the decisions mention, for people reading them. */
  staffNames: Record<string, string>;
}

export interface ExplainAssignmentProps {
  readonly leadId: string;
}

/** "Why did this go to me?": every routing decision on the lead, newest first. */
export class ExplainAssignmentQuery extends Query<AssignmentExplanation> {
  constructor(readonly props: ExplainAssignmentProps) {
    super();
  }
}
