import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdGenerator } from '@intake/platform';
import { noteAddedEntry } from '../../domain/lead-history';
import { LeadRecordsRepository } from '../../infrastructure/lead-records.repository';
import { LeadWriter } from '../shared/lead-writer';
import { AddNoteCommand, NoteView } from './add-note.command';

/** Notes hang off the lead without changing it: no new version, but a line in its history. */
@CommandHandler(AddNoteCommand)
export class AddNoteHandler implements ICommandHandler<AddNoteCommand> {
  constructor(
    private readonly writer: LeadWriter,
    private readonly records: LeadRecordsRepository,
    private readonly ids: IdGenerator,
  ) {}

  async execute({ props: c }: AddNoteCommand): Promise<NoteView> {
    const { result } = await this.writer.change(c.leadId, null, c.context, async (lead, by) => {
      const note = {
        id: this.ids.next(),
        leadId: lead.id,
        authorId: by.actorId,
        body: c.body,
        createdAt: by.at,
      };
      await this.records.addNote(note);
      await this.records.appendHistory([
        {
          ...noteAddedEntry(lead.id, note.id, by),
          id: this.ids.next(),
          requestId: c.context.requestId,
        },
      ]);
      return note;
    });
    return result;
  }
}
