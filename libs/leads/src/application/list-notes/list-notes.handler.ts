import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StaffDirectory } from '@intake/access';
import { Clock, IdGenerator } from '@intake/platform';
import { LeadNotFoundError } from '../../domain/lead-errors';
import { LeadReadModel } from '../../infrastructure/lead-read-model';
import { LeadRecordsRepository } from '../../infrastructure/lead-records.repository';
import { NoteItemView } from '../get-lead/get-lead.query';
import { staffRef } from '../shared/lead-views';
import { ListNotesQuery } from './list-notes.query';

@QueryHandler(ListNotesQuery)
export class ListNotesHandler implements IQueryHandler<ListNotesQuery, NoteItemView[]> {
  constructor(
    private readonly read: LeadReadModel,
    private readonly staff: StaffDirectory,
    private readonly records: LeadRecordsRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(q: ListNotesQuery): Promise<NoteItemView[]> {
    if (!(await this.read.findById(q.leadId))) throw new LeadNotFoundError(q.leadId);
    const notes = await this.read.notes(q.leadId);
    const names = await this.staff.namesOf(notes.map((n) => n.authorId));
    await this.records.logAccess({
      id: this.ids.next(),
      actorId: q.actor.staffId,
      actorRole: q.actor.role,
      action: 'lead.notes_listed',
      leadIds: [q.leadId],
      requestId: q.requestId,
      occurredAt: this.clock.now(),
    });
    return notes.map(({ authorId, ...n }) => ({ ...n, author: staffRef(authorId, names) }));
  }
}
