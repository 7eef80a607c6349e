import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { StaffDirectory } from '@intake/access';
import { LeadNotFoundError } from '../../domain/lead-errors';
import { maskContact } from '../../domain/masking';
import { LeadReadModel } from '../../infrastructure/lead-read-model';
import { AccessLogger } from '../shared/access-logger';
import { leadView, staffRef } from '../shared/lead-views';
import { GetLeadQuery, LeadDetail, SubmissionsOfLeadQuery } from './get-lead.query';

@QueryHandler(GetLeadQuery)
export class GetLeadHandler implements IQueryHandler<GetLeadQuery, LeadDetail> {
  constructor(
    private readonly read: LeadReadModel,
    private readonly staff: StaffDirectory,
    private readonly access: AccessLogger,
    private readonly queries: QueryBus,
  ) {}

  async execute({ props: q }: GetLeadQuery): Promise<LeadDetail> {
    const row = await this.read.findById(q.leadId);
    if (!row) throw new LeadNotFoundError(q.leadId);
    const seesNotes = q.actor.can('notes:read');
    const seesContact = q.actor.can('leads:read_contact');
    const seesRaw = q.actor.can('submissions:read');
    const [attempts, notes, history, submissions, toConfirm] = await Promise.all([
      this.read.contactAttempts(q.leadId),
      seesNotes ? this.read.notes(q.leadId) : Promise.resolve([]),
      this.read.history(q.leadId),
      this.queries.execute(new SubmissionsOfLeadQuery({ leadId: q.leadId })),
      this.read.contactsToConfirm(q.leadId),
    ]);
    const names = await this.staff.namesOf(
      [
        row.ownerId,
        ...attempts.map((a) => a.actorId),
        ...notes.map((n) => n.authorId),
        ...history.map((h) => h.actorId),
        ...history.flatMap(ownersIn),
      ].filter((id): id is string => id !== null),
    );
    await this.access.record(q.actor, 'lead.viewed', [q.leadId], q.requestId);
    return {
      lead: leadView(row, names, q.actor),
      // Raw fields and attribution as received can hold anything the visitor typed.
      submissions: submissions.map((s) =>
        seesRaw ? s : { id: s.id, formKey: s.formKey, receivedAt: s.receivedAt },
      ),
      contactsToConfirm: toConfirm.map((c) => ({
        ...c,
        value: seesContact ? c.value : maskContact(c.channel, c.value),
      })),
      contactAttempts: attempts.map(({ actorId, note, ...attempt }) => ({
        ...attempt,
        actor: staffRef(actorId, names),
        ...(seesNotes ? { note } : {}),
      })),
      ...(seesNotes
        ? {
            notes: notes.map(({ authorId, ...n }) => ({ ...n, author: staffRef(authorId, names) })),
          }
        : {}),
      history: history.map(({ actorId, ...h }) => ({ ...h, actor: staffRef(actorId, names) })),
      staffNames: Object.fromEntries(
        history.flatMap(ownersIn).flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : [])),
      ),
    };
  }
}

/** The staff ids an owner change in a history row names (from and to). */
function ownersIn(row: { changes: Record<string, { from: unknown; to: unknown }> }): string[] {
  const owner = row.changes['ownerId'];
  return owner ? [owner.from, owner.to].filter((id): id is string => typeof id === 'string') : [];
}
