import { Injectable } from '@nestjs/common';
import { BlindIndex, DataKeys, sealedPlace, sql, TransactionRunner } from '@intake/platform';
import { ContactAttempt } from '../domain/contact-attempt';
import { ContactChannel } from '../domain/duplicate-matching';
import { HistoryEntry } from '../domain/lead-history';
import { ContactAttemptOrmEntity } from './contact-attempt.orm-entity';
import { ContactToConfirmOrmEntity } from './contact-to-confirm.orm-entity';
import { LeadNoteOrmEntity } from './lead-note.orm-entity';

export interface NewNote {
  id: string;
  leadId: string;
  authorId: string;
  body: string;
  createdAt: Date;
}

export interface AccessRecord {
  id: string;
  actorId: string;
  actorRole: string;
  /** `lead.changed`: a write's response carries the lead, so it is a read too. */
  action:
    'lead.viewed' | 'leads.listed' | 'lead.notes_listed' | 'lead.consents_listed' | 'lead.changed';
  leadIds: string[];
  requestId: string | null;
  occurredAt: Date;
}

export interface ContactToConfirm {
  id: string;
  leadId: string;
  channel: ContactChannel;
  value: string;
  submissionId: string;
  receivedAt: Date;
}

// One statement for any number of entries: each column's values as one array.
const APPEND_HISTORY = sql<{
  ids: string[];
  leadIds: string[];
  actions: string[];
  actorIds: Array<string | null>;
  changes: string[];
  requestIds: Array<string | null>;
  occurredAts: Date[];
}>(
  `INSERT INTO lead_history (id, lead_id, action, actor_id, changes, request_id, occurred_at)
   SELECT id, lead_id, action, actor_id, changes::jsonb, request_id, occurred_at
     FROM unnest(:ids::uuid[], :leadIds::uuid[], :actions::text[], :actorIds::uuid[],
                 :changes::text[], :requestIds::text[], :occurredAts::timestamptz[])
          AS h(id, lead_id, action, actor_id, changes, request_id, occurred_at)`,
);
const LOG_ACCESS = sql<AccessRecord>(
  `INSERT INTO access_log (id, actor_id, actor_role, action, lead_ids, request_id, occurred_at)
   VALUES (:id, :actorId, :actorRole, :action, :leadIds::uuid[], :requestId, :occurredAt)`,
);

/**
 * The rows that hang off a lead: attempts, notes, history and reads, only ever added; contact
 * details to confirm, added and then decided once. Notes, attempts' notes and contact values are
 * sealed with the lead's data key (history holds no personal values: lead-history.ts).
 */
@Injectable()
export class LeadRecordsRepository {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly keys: DataKeys,
    private readonly blind: BlindIndex,
  ) {}

  async addContactAttempt(attempt: ContactAttempt): Promise<void> {
    const sealer = await this.keys.sealer(attempt.leadId);
    const note = sealer.seal(
      sealedPlace('lead_contact_attempts', 'note', attempt.id),
      attempt.note,
    );
    await this.tx.requireTransaction().insert(ContactAttemptOrmEntity, { ...attempt, note });
  }

  async addNote(note: NewNote): Promise<void> {
    const sealer = await this.keys.sealer(note.leadId);
    const body = sealer.seal(sealedPlace('lead_notes', 'body', note.id), note.body)!;
    await this.tx.requireTransaction().insert(LeadNoteOrmEntity, { ...note, body });
  }

  /** The same value on the same channel waits once (by its blind index), however often sent. */
  async addContactsToConfirm(rows: ContactToConfirm[]): Promise<void> {
    if (rows.length === 0) return;
    const sealers = await this.keys.sealers(rows.map((row) => row.leadId));
    await this.tx
      .requireTransaction()
      .createQueryBuilder()
      .insert()
      .into(ContactToConfirmOrmEntity)
      .values(
        rows.map((row) => ({
          ...row,
          value: sealers.get(row.leadId)!.seal(contactContext(row.id), row.value)!,
          valueIndex: this.blind.of(row.channel, row.value)!,
          status: 'pending' as const,
        })),
      )
      .orIgnore()
      .execute();
  }

  /** A pending one of this lead's, locked until the decision commits; null if there is none. */
  async pendingContactForUpdate(leadId: string, id: string): Promise<ContactToConfirm | null> {
    const row = await this.tx
      .requireTransaction()
      .getRepository(ContactToConfirmOrmEntity)
      .findOne({ where: { id, leadId, status: 'pending' }, lock: { mode: 'pessimistic_write' } });
    if (!row) return null;
    const { channel, submissionId, receivedAt } = row;
    const sealer = await this.keys.sealer(leadId);
    const value = sealer.open(contactContext(id), row.value);
    // An erased lead's contact has nothing left to confirm.
    if (value === null) return null;
    return { id, leadId, channel, value, submissionId, receivedAt };
  }

  async decideContact(
    id: string,
    status: 'confirmed' | 'dismissed',
    by: { actorId: string; at: Date },
  ): Promise<void> {
    await this.tx
      .requireTransaction()
      .update(
        ContactToConfirmOrmEntity,
        { id },
        { status, decidedBy: by.actorId, decidedAt: by.at },
      );
  }

  /** One statement for all of a command's entries (every submission writes one). */
  async appendHistory(
    entries: Array<HistoryEntry & { id: string; requestId: string | null }>,
  ): Promise<void> {
    if (entries.length === 0) return;
    await APPEND_HISTORY.execute(this.tx.requireTransaction(), {
      ids: entries.map((e) => e.id),
      leadIds: entries.map((e) => e.leadId),
      actions: entries.map((e) => e.action),
      actorIds: entries.map((e) => e.actorId),
      changes: entries.map((e) => JSON.stringify(e.changes)),
      requestIds: entries.map((e) => e.requestId),
      occurredAts: entries.map((e) => e.at),
    });
  }

  /** In the caller's transaction when there is one (a write), on its own otherwise (a read). */
  async logAccess(r: AccessRecord): Promise<void> {
    await LOG_ACCESS.execute(this.tx.manager(), r);
  }
}

export function contactContext(id: string): string {
  return sealedPlace('lead_contacts_to_confirm', 'value', id);
}
