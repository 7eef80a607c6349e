import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
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
  action: 'lead.viewed' | 'leads.listed' | 'lead.notes_listed' | 'lead.changed';
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

/**
 * The rows that hang off a lead: attempts, notes, history and reads, only ever added; contact
 * details to confirm, added and then decided once.
 */
@Injectable()
export class LeadRecordsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async addContactAttempt(attempt: ContactAttempt): Promise<void> {
    await this.tx.requireTransaction().insert(ContactAttemptOrmEntity, { ...attempt });
  }

  async addNote(note: NewNote): Promise<void> {
    await this.tx.requireTransaction().insert(LeadNoteOrmEntity, note);
  }

  /** The same value on the same channel waits once, however often it is sent. */
  async addContactsToConfirm(rows: ContactToConfirm[]): Promise<void> {
    if (rows.length === 0) return;
    await this.tx
      .requireTransaction()
      .createQueryBuilder()
      .insert()
      .into(ContactToConfirmOrmEntity)
      .values(rows.map((row) => ({ ...row, status: 'pending' as const })))
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
    const { channel, value, submissionId, receivedAt } = row;
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
    const params: unknown[] = [];
    const rows = entries.map((e) => {
      params.push(
        e.id,
        e.leadId,
        e.action,
        e.actorId,
        JSON.stringify(e.changes),
        e.requestId,
        e.at,
      );
      const n = params.length;
      return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}::jsonb, $${n - 1}, $${n})`;
    });
    await this.tx
      .requireTransaction()
      .query(
        `INSERT INTO lead_history (id, lead_id, action, actor_id, changes, request_id, occurred_at) VALUES ${rows.join(', ')}`,
        params,
      );
  }

  /** In the caller's transaction when there is one (a write), on its own otherwise (a read). */
  async logAccess(r: AccessRecord): Promise<void> {
    await this.tx
      .manager()
      .query(
        `INSERT INTO access_log (id, actor_id, actor_role, action, lead_ids, request_id, occurred_at) VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7)`,
        [r.id, r.actorId, r.actorRole, r.action, r.leadIds, r.requestId, r.occurredAt],
      );
  }
}
