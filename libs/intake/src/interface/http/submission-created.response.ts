import { SubmitFormResult } from '../../application/submit-form/submit-form.command';

/** What leaves the service after a submission: ids only. */
export class SubmissionCreatedResponse {
  submissionId!: string;
  leadId!: string;
  duplicate!: boolean;

  static from(result: SubmitFormResult): SubmissionCreatedResponse {
    return {
      submissionId: result.submissionId,
      leadId: result.leadId,
      duplicate: result.duplicate,
    };
  }
}
