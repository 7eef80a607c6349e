import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SubmissionOfLead, SubmissionsOfLeadQuery } from '@intake/leads';
import { SubmissionRepository } from '../../infrastructure/submission.repository';

/** Intake keeps the submissions; the lead detail asks for them through the query bus. */
@QueryHandler(SubmissionsOfLeadQuery)
export class SubmissionsOfLeadHandler implements IQueryHandler<
  SubmissionsOfLeadQuery,
  SubmissionOfLead[]
> {
  constructor(private readonly submissions: SubmissionRepository) {}

  execute({ props: query }: SubmissionsOfLeadQuery): Promise<SubmissionOfLead[]> {
    return this.submissions.findByLead(query.leadId);
  }
}
