import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { SubmitFormResult } from '../../application/submit-form/submit-form.command';

/**
 * What leaves the service after a submission: the submission's id and whether to show crisis
 * resources for the message just sent, the same for a new person, one who already has an open
 * lead, and spam. Whether a person has asked before is
 * health information; only staff see it.
 */
@ApiSchema({ name: 'SubmissionCreated' })
export class SubmissionCreatedResponse {
  @ApiProperty({ format: 'uuid' })
  submissionId!: string;

  @ApiProperty({
    description:
      "True when this request's own message has crisis language: the website should show crisis resources at once (call or text 988, the Suicide & Crisis Lifeline; 911 in immediate danger). Decided from what was just sent and nothing else, so it reveals nothing about any other request or person.",
  })
  showCrisisResources!: boolean;

  static from(result: SubmitFormResult): SubmissionCreatedResponse {
    return { submissionId: result.submissionId, showCrisisResources: result.showCrisisResources };
  }
}
