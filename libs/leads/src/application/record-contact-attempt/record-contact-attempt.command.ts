import { ContactAttemptChannel, ContactOutcome } from '../../domain/contact-attempt';
import { CommandContext } from '../shared/command-context';

export class RecordContactAttemptCommand {
  constructor(
    readonly leadId: string,
    readonly channel: ContactAttemptChannel,
    readonly outcome: ContactOutcome,
    readonly note: string | null,
    readonly callbackAt: Date | null,
    readonly expectedVersion: number | null,
    readonly context: CommandContext,
  ) {}
}
