import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StaffDirectory } from '@intake/access';
import { LeadAutomation, LeadNotFoundError } from '@intake/leads';
import { DecisionRepository } from '../../infrastructure/decision.repository';
import { RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { AssignmentExplanation, ExplainAssignmentQuery } from './explain-assignment.query';

@QueryHandler(ExplainAssignmentQuery)
export class ExplainAssignmentHandler implements IQueryHandler<
  ExplainAssignmentQuery,
  AssignmentExplanation
> {
  constructor(
    private readonly leads: LeadAutomation,
    private readonly decisions: DecisionRepository,
    private readonly queue: RoutingQueueRepository,
    private readonly staff: StaffDirectory,
  ) {}

  async execute({ props: { leadId } }: ExplainAssignmentQuery): Promise<AssignmentExplanation> {
    const lead = await this.leads.find(leadId);
    if (!lead) throw new LeadNotFoundError(leadId);
    const decisions = await this.decisions.listForLead(leadId);
    const waiting = await this.queue.find(leadId);
    const ids = decisions.flatMap((d) => [
      ...(d.assigneeId ? [d.assigneeId] : []),
      ...d.skipped.map((s) => s.staffId),
    ]);
    if (lead.ownerId) ids.push(lead.ownerId);
    const names = await this.staff.namesOf(ids);
    return {
      leadId,
      ownerId: lead.ownerId,
      waitingUntil: waiting?.dueAt ?? null,
      decisions,
      staffNames: Object.fromEntries(names),
    };
  }
}
