import { RawFields } from '../../domain/consultation-request';

export class SubmitFormCommand {
  constructor(
    readonly formKey: string,
    readonly fields: RawFields,
    readonly origin: string | null,
    readonly idempotencyKey: string | null,
    readonly clientIp: string | null,
    readonly userAgent: string | null,
  ) {}
}

/** What the website is told; replayed as is for a repeated idempotency key. */
export interface SubmitFormResult {
  submissionId: string;
  leadId: string;
  duplicate: boolean;
  thankYouUrl: string;
  replayed: boolean;
}
