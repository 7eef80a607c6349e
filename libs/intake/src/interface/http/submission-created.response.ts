import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { SubmitFormResult } from '../../application/submit-form/submit-form.command';

/**
 * What leaves the service after a submission: the submission's id and nothing else, the same for
 * a new person, one who already has an open lead, and spam. Whether a person has asked before is
 * health information; only staff see it.
 */
@ApiSchema({ name: 'SubmissionCreated' })
export class SubmissionCreatedResponse {
  @ApiProperty({ format: 'uuid' })
  submissionId!: string;

  static from(result: SubmitFormResult): SubmissionCreatedResponse {
    return { submissionId: result.submissionId };
  }
}
