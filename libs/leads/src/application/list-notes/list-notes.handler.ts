import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StaffDirectory } from '@intake/access';
import { LeadNotFoundError } from '../../domain/lead-errors';
import { LeadReadModel } from '../../infrastructure/lead-read-model';
import { AccessLogger } from '../shared/access-logger';
import { NoteItemView } from '../get-lead/get-lead.query';
import { staffRef } from '../shared/lead-views';
import { ListNotesQuery } from './list-notes.query';

@QueryHandler(ListNotesQuery)
export class ListNotesHandler implements IQueryHandler<ListNotesQuery, NoteItemView[]> {
  constructor(
    private readonly read: LeadReadModel,
    private readonly staff: StaffDirectory,
    private readonly access: AccessLogger,
  ) {}

  async execute({ props: q }: ListNotesQuery): Promise<NoteItemView[]> {
    if (!(await this.read.findById(q.leadId))) throw new LeadNotFoundError(q.leadId);
    const notes = await this.read.notes(q.leadId);
    const names = await this.staff.namesOf(notes.map((n) => n.authorId));
    await this.access.record(q.actor, 'lead.notes_listed', [q.leadId], q.requestId);
    return notes.map(({ authorId, ...n }) => ({ ...n, author: staffRef(authorId, names) }));
  }
}
