import { Command } from '@nestjs/cqrs';
import { RawFields } from '../../domain/consultation-request';

export interface SubmitFormProps {
  readonly formKey: string;
  readonly fields: RawFields;
  readonly origin: string | null;
  /** The page the form was on, as the browser says (only its path is kept). */
  readonly referer: string | null;
  readonly idempotencyKey: string | null;
  readonly clientIp: string | null;
  readonly userAgent: string | null;
}

export class SubmitFormCommand extends Command<SubmitFormResult> {
  constructor(readonly props: SubmitFormProps) {
    super();
  }
}

/**
 * What the website is told; replayed as is for a repeated idempotency key. The same for a new
 * person, a known one and spam, so a stranger learns nothing about who has asked for help.
 */
export interface SubmitFormResult {
  submissionId: string;
  thankYouUrl: string;
  replayed: boolean;
  /**
   * This request's own message has crisis language: show the person crisis resources now. Read
   * from what was just sent and nothing else (not the lead it joined, not earlier requests, not
   * whether it was stored), so it says nothing about anyone but the sender.
   */
  showCrisisResources: boolean;
}
