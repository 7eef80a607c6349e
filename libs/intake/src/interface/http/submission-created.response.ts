import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { SubmitFormResult } from '../../application/submit-form/submit-form.command';

/** What leaves the service after a submission: ids only. */
@ApiSchema({ name: 'SubmissionCreated' })
export class SubmissionCreatedResponse {
  @ApiProperty({ format: 'uuid' })
  submissionId!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'For spam, a random id that names no lead.',
  })
  leadId!: string;

  @ApiProperty({
    description: "True when the request was attached to the person's existing open lead.",
  })
  duplicate!: boolean;

  static from(result: SubmitFormResult): SubmissionCreatedResponse {
    return {
      submissionId: result.submissionId,
      leadId: result.leadId,
      duplicate: result.duplicate,
    };
  }
}
