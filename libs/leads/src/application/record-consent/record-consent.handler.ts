import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdGenerator } from '@intake/platform';
import { ConsentRecord } from '../../domain/consent';
import { LeadWriter, WriteResult } from '../write-lead/lead-writer';
import { RecordConsentCommand } from './record-consent.command';

@CommandHandler(RecordConsentCommand)
export class RecordConsentHandler implements ICommandHandler<RecordConsentCommand> {
  constructor(
    private readonly writer: LeadWriter,
    private readonly ids: IdGenerator,
  ) {}

  /** The ledger row is written with the lead's other records (LeadChanges), from the event. */
  execute({ props: c }: RecordConsentCommand): Promise<WriteResult<ConsentRecord>> {
    return this.writer.change(c.leadId, c.expectedVersion, c.context, (lead, by) =>
      lead.recordConsent(
        { id: this.ids.next(), kind: c.kind, action: c.action, source: c.source },
        by,
      ),
    );
  }
}
