import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdGenerator } from '@intake/platform';
import { currentConsentOf } from '../../domain/consent';
import { ContactAttempt } from '../../domain/contact-attempt';
import { ConsentLedgerRepository } from '../../infrastructure/consent-ledger.repository';
import { ContactSuppressions } from '../../infrastructure/contact-suppressions';
import { LeadRecordsRepository } from '../../infrastructure/lead-records.repository';
import { LeadWriter, WriteResult } from '../write-lead/lead-writer';
import { RecordContactAttemptCommand } from './record-contact-attempt.command';

@CommandHandler(RecordContactAttemptCommand)
export class RecordContactAttemptHandler implements ICommandHandler<RecordContactAttemptCommand> {
  constructor(
    private readonly writer: LeadWriter,
    private readonly records: LeadRecordsRepository,
    private readonly consents: ConsentLedgerRepository,
    private readonly suppressions: ContactSuppressions,
    private readonly ids: IdGenerator,
  ) {}

  execute({ props: c }: RecordContactAttemptCommand): Promise<WriteResult<ContactAttempt>> {
    return this.writer.change(c.leadId, c.expectedVersion, c.context, async (lead, by) => {
      // Read under the lead's lock: a withdrawal recorded at the same moment waits or wins.
      const check = {
        consent: currentConsentOf(await this.consents.latestOf(lead.id)),
        rules: await this.consents.rules(),
        // Also a lead that was open when another lead of the person was erased with
        // do-not-contact, or that has taken their email or phone since.
        suppressed: await this.suppressions.isSuppressed(lead.snapshot().contact),
      };
      const attempt = lead.recordContactAttempt(
        {
          id: this.ids.next(),
          channel: c.channel,
          outcome: c.outcome,
          note: c.note,
          callbackAt: c.callbackAt,
        },
        by,
        check,
      );
      await this.records.addContactAttempt(attempt);
      return attempt;
    });
  }
}
