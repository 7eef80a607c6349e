import { Command } from '@nestjs/cqrs';
import type { WriteResult } from '../shared/lead-writer';
import {
  ContactAttempt,
  ContactAttemptChannel,
  ContactOutcome,
} from '../../domain/contact-attempt';
import { CommandContext } from '../shared/command-context';

export interface RecordContactAttemptProps {
  readonly leadId: string;
  readonly channel: ContactAttemptChannel;
  readonly outcome: ContactOutcome;
  readonly note: string | null;
  readonly callbackAt: Date | null;
  readonly expectedVersion: number | null;
  readonly context: CommandContext;
}

export class RecordContactAttemptCommand extends Command<WriteResult<ContactAttempt>> {
  constructor(readonly props: RecordContactAttemptProps) {
    super();
  }
}
