import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LeadAutomation, LeadNotFoundError } from '@intake/leads';
import { FollowUpState } from '../../domain/follow-up';
import { FollowUpRepository } from '../../infrastructure/follow-up.repository';
import { ListLeadFollowUpsQuery } from './list-lead-follow-ups.query';

@QueryHandler(ListLeadFollowUpsQuery)
export class ListLeadFollowUpsHandler implements IQueryHandler<
  ListLeadFollowUpsQuery,
  FollowUpState[]
> {
  constructor(
    private readonly automation: LeadAutomation,
    private readonly followUps: FollowUpRepository,
  ) {}

  async execute({ props: q }: ListLeadFollowUpsQuery): Promise<FollowUpState[]> {
    if (!(await this.automation.find(q.leadId))) throw new LeadNotFoundError(q.leadId);
    return this.followUps.listForLead(q.leadId);
  }
}
