import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { ContactAttempt } from '../domain/contact-attempt';
import { HistoryEntry } from '../domain/lead-history';
import { ContactAttemptOrmEntity } from './contact-attempt.orm-entity';
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

/** The rows that hang off a lead and are only ever added: attempts, notes, history, reads. */
@Injectable()
export class LeadRecordsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async addContactAttempt(attempt: ContactAttempt): Promise<void> {
    await this.tx.requireTransaction().insert(ContactAttemptOrmEntity, { ...attempt });
  }

  async addNote(note: NewNote): Promise<void> {
    await this.tx.requireTransaction().insert(LeadNoteOrmEntity, note);
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
