import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdGenerator } from '@intake/platform';
import { contactDismissedEntry } from '../../domain/lead-history';
import { ContactToConfirmNotFoundError } from '../../domain/lead-errors';
import { LeadRecordsRepository } from '../../infrastructure/lead-records.repository';
import { LeadWriter, WriteResult } from '../shared/lead-writer';
import { DecideContactCommand } from './decide-contact.command';

/**
 * Confirming makes the detail the lead's (a new version, `[personal]` in history); dismissing
 * leaves the lead as it is and says so in its history. Either way the detail stops waiting.
 */
@CommandHandler(DecideContactCommand)
export class DecideContactHandler implements ICommandHandler<DecideContactCommand> {
  constructor(
    private readonly writer: LeadWriter,
    private readonly records: LeadRecordsRepository,
    private readonly ids: IdGenerator,
  ) {}

  execute({ props: c }: DecideContactCommand): Promise<WriteResult<void>> {
    return this.writer.change(c.leadId, c.expectedVersion, c.context, async (lead, by) => {
      const contact = await this.records.pendingContactForUpdate(lead.id, c.contactId);
      if (!contact) throw new ContactToConfirmNotFoundError(lead.id, c.contactId);
      if (c.decision === 'confirm') {
        lead.confirmContact(contact.channel, contact.value, by);
        await this.records.decideContact(contact.id, 'confirmed', by);
        return;
      }
      await this.records.decideContact(contact.id, 'dismissed', by);
      await this.records.appendHistory([
        {
          ...contactDismissedEntry(lead.id, contact.channel, by),
          id: this.ids.next(),
          requestId: c.context.requestId,
        },
      ]);
    });
  }
}
