import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdGenerator } from '@intake/platform';
import { ContactAttempt } from '../../domain/contact-attempt';
import { LeadRecordsRepository } from '../../infrastructure/lead-records.repository';
import { LeadWriter, WriteResult } from '../shared/lead-writer';
import { RecordContactAttemptCommand } from './record-contact-attempt.command';

@CommandHandler(RecordContactAttemptCommand)
export class RecordContactAttemptHandler implements ICommandHandler<RecordContactAttemptCommand> {
  constructor(
    private readonly writer: LeadWriter,
    private readonly records: LeadRecordsRepository,
    private readonly ids: IdGenerator,
  ) {}

  execute({ props: c }: RecordContactAttemptCommand): Promise<WriteResult<ContactAttempt>> {
    return this.writer.change(c.leadId, c.expectedVersion, c.context, async (lead, by) => {
      const attempt = lead.recordContactAttempt(
        {
          id: this.ids.next(),
          channel: c.channel,
          outcome: c.outcome,
          note: c.note,
          callbackAt: c.callbackAt,
        },
        by,
      );
      await this.records.addContactAttempt(attempt);
      return attempt;
    });
  }
}
