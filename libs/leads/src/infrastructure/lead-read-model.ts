import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import type { FieldChange } from '../domain/lead-history';
import type { Touch } from '../domain/inquiry';
import type { ContactToConfirm } from './lead-records.repository';
import type { LeadListFilter, LeadSort } from '../application/list-leads/lead-list-filter';

/** A leads row as the read side sees it (snake_case from SQL, mapped once here). */
export interface LeadRow {
  id: string;
  status: string;
  statusReason: string | null;
  priority: string;
  crisisFlag: boolean;
  firstName: string;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  preferredContact: string | null;
  bestTimeToContact: string | null;
  state: string | null;
  interest: string | null;
  howDidYouHear: string | null;
  language: string | null;
  contactConsent: boolean;
  smsConsent: boolean;
  formKey: string;
  source: string;
  firstTouch: Touch;
  latestTouch: Touch;
  ownerId: string | null;
  submissionCount: number;
  contactAttemptCount: number;
  firstContactAttemptAt: Date | null;
  firstReachedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  lastSubmittedAt: Date;
}

export type LeadSummaryRow = Pick<
  LeadRow,
  'id' | 'firstName' | 'lastName' | 'interest' | 'state' | 'crisisFlag' | 'status' | 'version'
>;

const COLUMNS = `id, status, status_reason AS "statusReason", priority, crisis_flag AS "crisisFlag",
  first_name AS "firstName", last_name AS "lastName", email, phone,
  preferred_contact AS "preferredContact", best_time_to_contact AS "bestTimeToContact", state,
  interest, how_did_you_hear AS "howDidYouHear", language, contact_consent AS "contactConsent",
  sms_consent AS "smsConsent", form_key AS "formKey", source, first_touch AS "firstTouch",
  latest_touch AS "latestTouch", owner_id AS "ownerId", submission_count AS "submissionCount",
  contact_attempt_count AS "contactAttemptCount",
  first_contact_attempt_at AS "firstContactAttemptAt", first_reached_at AS "firstReachedAt",
  version, created_at AS "createdAt", updated_at AS "updatedAt",
  last_submitted_at AS "lastSubmittedAt"`;

/** Keyset order per sort: the columns, their direction, and how the cursor compares. */
const ORDERS: Record<LeadSort, { key: string[]; direction: 'ASC' | 'DESC' }> = {
  '-created': { key: ['created_at', 'id'], direction: 'DESC' },
  created: { key: ['created_at', 'id'], direction: 'ASC' },
  priority: { key: ['priority_rank', 'created_at', 'id'], direction: 'ASC' },
};

export interface ContactAttemptRow {
  id: string;
  attemptNumber: number;
  channel: string;
  outcome: string;
  note: string | null;
  callbackAt: Date | null;
  actorId: string;
  attemptedAt: Date;
}

export interface NoteRow {
  id: string;
  authorId: string;
  body: string;
  createdAt: Date;
}

export type ContactToConfirmRow = Omit<ContactToConfirm, 'leadId'>;

export interface HistoryRow {
  id: string;
  action: string;
  actorId: string | null;
  changes: Record<string, FieldChange>;
  requestId: string | null;
  occurredAt: Date;
}

export interface AccessLogRow {
  id: string;
  actorId: string;
  actorRole: string;
  action: string;
  leadIds: string[];
  requestId: string | null;
  occurredAt: Date;
}

export interface AccessLogFilter {
  leadId: string | null;
  actorId: string | null;
  from: Date | null;
  to: Date | null;
  /** Id of the last row of the previous page (ids are time-ordered UUIDv7). */
  before: string | null;
  limit: number;
}

/** Parameters as a filter adds them: `param(value)` keeps the value and says its `$n`. */
function positional(): { params: unknown[]; param: (value: unknown) => string } {
  const params: unknown[] = [];
  return {
    params,
    param: (value) => {
      params.push(value);
      return `$${params.length}`;
    },
  };
}

/** Straight SQL for the coordinator screens: no aggregate, just the rows they show. */
@Injectable()
export class LeadReadModel {
  constructor(private readonly tx: TransactionRunner) {}

  async list(filter: LeadListFilter): Promise<{ rows: LeadRow[]; lastKey: unknown[] | null }> {
    const where: string[] = [];
    const { params, param } = positional();
    if (filter.statuses.length) where.push(`status = ANY(${param(filter.statuses)}::text[])`);
    if (filter.priorities.length) where.push(`priority = ANY(${param(filter.priorities)}::text[])`);
    if (filter.ownerId) where.push(`owner_id = ${param(filter.ownerId)}`);
    if (filter.unassigned) where.push('owner_id IS NULL');
    if (filter.crisisFlag !== null)
      where.push(filter.crisisFlag ? 'crisis_flag' : 'NOT crisis_flag');
    if (filter.formKey) where.push(`form_key = ${param(filter.formKey)}`);
    if (filter.source) where.push(`source = ${param(filter.source)}`);
    if (filter.state) where.push(`state = ${param(filter.state)}`);
    if (filter.interest) where.push(`interest = ${param(filter.interest)}`);
    if (filter.createdFrom) where.push(`created_at >= ${param(filter.createdFrom)}`);
    if (filter.createdTo) where.push(`created_at < ${param(filter.createdTo)}`);
    const search = filter.search;
    if (search && 'email' in search) where.push(`email = ${param(search.email)}`);
    if (search && 'phone' in search) where.push(`phone = ${param(search.phone)}`);
    if (search && 'name' in search) {
      where.push(`search_name LIKE ${param(`%${search.name.replace(/[\\%_]/g, '\\$&')}%`)}`);
    }
    const order = ORDERS[filter.sort];
    if (filter.after) {
      const comparison = order.direction === 'DESC' ? '<' : '>';
      const placeholders = filter.after.map((value, i) =>
        order.key[i] === 'created_at' ? `${param(value)}::timestamptz` : param(value),
      );
      where.push(`(${order.key.join(', ')}) ${comparison} (${placeholders.join(', ')})`);
    }
    const sql = `SELECT ${COLUMNS}, priority_rank AS "priorityRank", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdKey"
      FROM leads ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${order.key.map((c) => `${c} ${order.direction}`).join(', ')}
      LIMIT ${param(filter.limit + 1)}`;
    const found: Array<LeadRow & { priorityRank: number; createdKey: string }> = await this.tx
      .manager()
      .query(sql, params);
    const rows = found.slice(0, filter.limit);
    const last = rows[rows.length - 1];
    const lastKey =
      found.length > filter.limit && last
        ? filter.sort === 'priority'
          ? [last.priorityRank, last.createdKey, last.id]
          : [last.createdKey, last.id]
        : null;
    return {
      rows: rows.map(({ priorityRank: _rank, createdKey: _key, ...row }) => row),
      lastKey,
    };
  }

  /** Names, interest and state of the leads given, for another context's lists; any order. */
  summaries(ids: string[]): Promise<LeadSummaryRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.tx.manager().query(
      `SELECT id, first_name AS "firstName", last_name AS "lastName", interest, state,
              crisis_flag AS "crisisFlag", status, version
         FROM leads WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async findById(id: string): Promise<LeadRow | null> {
    const rows: LeadRow[] = await this.tx
      .manager()
      .query(`SELECT ${COLUMNS} FROM leads WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  contactAttempts(leadId: string): Promise<ContactAttemptRow[]> {
    return this.tx.manager().query(
      `SELECT id, attempt_number AS "attemptNumber", channel, outcome, note,
        callback_at AS "callbackAt", actor_id AS "actorId", attempted_at AS "attemptedAt"
       FROM lead_contact_attempts WHERE lead_id = $1 ORDER BY attempt_number`,
      [leadId],
    );
  }

  notes(leadId: string): Promise<NoteRow[]> {
    return this.tx.manager().query(
      `SELECT id, author_id AS "authorId", body, created_at AS "createdAt"
       FROM lead_notes WHERE lead_id = $1 ORDER BY created_at, id`,
      [leadId],
    );
  }

  contactsToConfirm(leadId: string): Promise<ContactToConfirmRow[]> {
    return this.tx.manager().query(
      `SELECT id, channel, value, submission_id AS "submissionId", received_at AS "receivedAt"
       FROM lead_contacts_to_confirm WHERE lead_id = $1 AND status = 'pending'
       ORDER BY received_at, id`,
      [leadId],
    );
  }

  history(leadId: string): Promise<HistoryRow[]> {
    return this.tx.manager().query(
      `SELECT id, action, actor_id AS "actorId", changes, request_id AS "requestId",
        occurred_at AS "occurredAt"
       FROM lead_history WHERE lead_id = $1 ORDER BY id`,
      [leadId],
    );
  }

  accessLog(filter: AccessLogFilter): Promise<AccessLogRow[]> {
    const where: string[] = [];
    const { params, param } = positional();
    if (filter.leadId) where.push(`lead_ids @> ARRAY[${param(filter.leadId)}]::uuid[]`);
    if (filter.actorId) where.push(`actor_id = ${param(filter.actorId)}`);
    if (filter.from) where.push(`occurred_at >= ${param(filter.from)}`);
    if (filter.to) where.push(`occurred_at < ${param(filter.to)}`);
    if (filter.before) where.push(`id < ${param(filter.before)}`);
    return this.tx.manager().query(
      `SELECT id, actor_id AS "actorId", actor_role AS "actorRole", action,
        lead_ids AS "leadIds", request_id AS "requestId", occurred_at AS "occurredAt"
       FROM access_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT ${param(filter.limit + 1)}`,
      params,
    );
  }
}
