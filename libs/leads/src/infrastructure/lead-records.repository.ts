import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { ContactAttempt } from '../domain/contact-attempt';
import { HistoryEntry } from '../domain/lead-history';
import { AccessLogOrmEntity } from './access-log.orm-entity';
import { ContactAttemptOrmEntity } from './contact-attempt.orm-entity';
import { LeadHistoryOrmEntity } from './lead-history.orm-entity';
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

  async appendHistory(
    entries: Array<HistoryEntry & { id: string; requestId: string | null }>,
  ): Promise<void> {
    if (entries.length === 0) return;
    await this.tx.requireTransaction().insert(
      LeadHistoryOrmEntity,
      entries.map((e) => ({
        id: e.id,
        leadId: e.leadId,
        action: e.action,
        actorId: e.actorId,
        changes: e.changes,
        requestId: e.requestId,
        occurredAt: e.at,
      })),
    );
  }

  /** In the caller's transaction when there is one (a write), on its own otherwise (a read). */
  async logAccess(record: AccessRecord): Promise<void> {
    await this.tx.manager().insert(AccessLogOrmEntity, record);
  }
}
