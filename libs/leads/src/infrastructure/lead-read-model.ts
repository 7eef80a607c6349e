import { Injectable } from '@nestjs/common';
import {
  BlindIndex,
  DataKeys,
  Sealer,
  sealedPlace,
  sql,
  TransactionRunner,
} from '@intake/platform';
import type { ContactReceipt } from '../domain/contact-attempt';
import type { FieldChange } from '../domain/lead-history';
import type { Touch } from '../domain/inquiry';
import { contactContext, type ContactToConfirm } from './lead-records.repository';
import { nameSearchTerms, openLead } from './lead-privacy';
import { ERASED_NOTE } from './lead-deidentifier';
import type { LeadListFilter, LeadSort } from '../application/list-leads/lead-list-filter';

/** A leads row as the read side sees it (snake_case from SQL, mapped once here). */
export interface LeadRow {
  id: string;
  status: string;
  statusReason: string | null;
  priority: string;
  crisisFlag: boolean;
  /** De-identified: the personal columns below are empty. */
  erasedAt: Date | null;
  doNotContact: boolean;
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
  last_submitted_at AS "lastSubmittedAt", erased_at AS "erasedAt", do_not_contact AS "doNotContact"`;

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
  receipt: ContactReceipt | null;
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

type ListedRow = LeadRow & { priorityRank: number; createdKey: string };

const SUMMARIES = sql<{ ids: string[] }, LeadSummaryRow>(
  `SELECT id, first_name AS "firstName", last_name AS "lastName", interest, state,
          crisis_flag AS "crisisFlag", status, version
     FROM leads WHERE id = ANY(:ids::uuid[])`,
);
const FIND_BY_ID = sql<{ id: string }, LeadRow>(`SELECT ${COLUMNS} FROM leads WHERE id = :id`);
const CONTACT_ATTEMPTS = sql<{ leadId: string }, ContactAttemptRow>(
  `SELECT id, attempt_number AS "attemptNumber", channel, outcome, note,
    callback_at AS "callbackAt", actor_id AS "actorId", attempted_at AS "attemptedAt", receipt
   FROM lead_contact_attempts WHERE lead_id = :leadId ORDER BY attempt_number`,
);
const NOTES = sql<{ leadId: string }, NoteRow>(
  `SELECT id, author_id AS "authorId", body, created_at AS "createdAt"
   FROM lead_notes WHERE lead_id = :leadId ORDER BY created_at, id`,
);
const CONTACTS_TO_CONFIRM = sql<{ leadId: string }, ContactToConfirmRow>(
  `SELECT id, channel, value, submission_id AS "submissionId", received_at AS "receivedAt"
   FROM lead_contacts_to_confirm WHERE lead_id = :leadId AND status = 'pending'
   ORDER BY received_at, id`,
);
const HISTORY = sql<{ leadId: string }, HistoryRow>(
  `SELECT id, action, actor_id AS "actorId", changes, request_id AS "requestId",
    occurred_at AS "occurredAt"
   FROM lead_history WHERE lead_id = :leadId ORDER BY id`,
);

/**
 * A filter's conditions, each with the named parameters it takes: `add('owner_id = :ownerId',
 * { ownerId })`. The statement is written per request, as the filters given shape it.
 */
function conditions(): {
  params: Record<string, unknown>;
  add: (condition: string, params?: Record<string, unknown>) => void;
  clause: () => string;
} {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  return {
    params,
    add: (condition, values = {}) => {
      where.push(condition);
      Object.assign(params, values);
    },
    clause: () => (where.length ? `WHERE ${where.join(' AND ')}` : ''),
  };
}

/**
 * Straight SQL for the coordinator screens: no aggregate, just the rows they show, personal
 * fields opened with each lead's data key (null once erased).
 */
@Injectable()
export class LeadReadModel {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly keys: DataKeys,
    private readonly blind: BlindIndex,
  ) {}

  async list(filter: LeadListFilter): Promise<{ rows: LeadRow[]; lastKey: unknown[] | null }> {
    const { add, params, clause } = conditions();
    if (filter.statuses.length)
      add('status = ANY(:statuses::text[])', { statuses: filter.statuses });
    if (filter.priorities.length)
      add('priority = ANY(:priorities::text[])', { priorities: filter.priorities });
    if (filter.ownerId) add('owner_id = :ownerId', { ownerId: filter.ownerId });
    if (filter.unassigned) add('owner_id IS NULL');
    if (filter.crisisFlag !== null) add(filter.crisisFlag ? 'crisis_flag' : 'NOT crisis_flag');
    if (filter.formKey) add('form_key = :formKey', { formKey: filter.formKey });
    if (filter.source) add('source = :source', { source: filter.source });
    if (filter.state) add('state = :state', { state: filter.state });
    if (filter.interest) add('interest = :interest', { interest: filter.interest });
    if (filter.createdFrom) add('created_at >= :createdFrom', { createdFrom: filter.createdFrom });
    if (filter.createdTo) add('created_at < :createdTo', { createdTo: filter.createdTo });
    const search = filter.search;
    if (search && 'email' in search)
      add('email_index = :emailIndex', { emailIndex: this.blind.of('email', search.email) });
    if (search && 'phone' in search)
      add('phone_index = :phoneIndex', { phoneIndex: this.blind.of('phone', search.phone) });
    if (search && 'name' in search) {
      // Every word of the term, as a whole short word or a prefix of three letters or more.
      const nameKeys = nameSearchTerms(search.name).map((t) => this.blind.of('name', t)!);
      add('name_index @> :nameKeys::text[]', { nameKeys });
    }
    const order = ORDERS[filter.sort];
    if (filter.after) {
      const comparison = order.direction === 'DESC' ? '<' : '>';
      const keys = filter.after.map((_, i) =>
        order.key[i] === 'created_at' ? `:after${i}::timestamptz` : `:after${i}`,
      );
      add(
        `(${order.key.join(', ')}) ${comparison} (${keys.join(', ')})`,
        Object.fromEntries(filter.after.map((value, i) => [`after${i}`, value])),
      );
    }
    const statement = sql<Record<string, unknown>, ListedRow>(
      `SELECT ${COLUMNS}, priority_rank AS "priorityRank", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdKey"
      FROM leads ${clause()}
      ORDER BY ${order.key.map((c) => `${c} ${order.direction}`).join(', ')}
      LIMIT :limit`,
    );
    const found = await statement.rows(this.tx.manager(), { ...params, limit: filter.limit + 1 });
    const rows = found.slice(0, filter.limit);
    const last = rows[rows.length - 1];
    const lastKey =
      found.length > filter.limit && last
        ? filter.sort === 'priority'
          ? [last.priorityRank, last.createdKey, last.id]
          : [last.createdKey, last.id]
        : null;
    return {
      rows: await this.opened(rows.map(({ priorityRank: _rank, createdKey: _key, ...row }) => row)),
      lastKey,
    };
  }

  /** Names, interest and state of the leads given, for another context's lists; any order. */
  async summaries(ids: string[]): Promise<LeadSummaryRow[]> {
    if (ids.length === 0) return [];
    const rows = await SUMMARIES.rows(this.tx.manager(), { ids });
    const sealers = await this.keys.sealers(rows.map((r) => r.id));
    return rows.map((row) => {
      const { firstName, lastName } = openLead(sealers.get(row.id)!, {
        ...row,
        email: null,
        phone: null,
        bestTimeToContact: null,
        howDidYouHear: null,
      });
      return { ...row, firstName, lastName };
    });
  }

  async findById(id: string): Promise<LeadRow | null> {
    const row = await FIND_BY_ID.one(this.tx.manager(), { id });
    return row ? (await this.opened([row]))[0] : null;
  }

  async contactAttempts(leadId: string): Promise<ContactAttemptRow[]> {
    const [rows, sealer] = await this.withSealer(
      leadId,
      CONTACT_ATTEMPTS.rows(this.tx.manager(), { leadId }),
    );
    return rows.map((r) => ({
      ...r,
      note: sealer.open(sealedPlace('lead_contact_attempts', 'note', r.id), r.note),
    }));
  }

  async notes(leadId: string): Promise<NoteRow[]> {
    const [rows, sealer] = await this.withSealer(leadId, NOTES.rows(this.tx.manager(), { leadId }));
    return rows.map((r) => ({
      ...r,
      body: sealer.open(sealedPlace('lead_notes', 'body', r.id), r.body) ?? ERASED_NOTE,
    }));
  }

  async contactsToConfirm(leadId: string): Promise<ContactToConfirmRow[]> {
    const [rows, sealer] = await this.withSealer(
      leadId,
      CONTACTS_TO_CONFIRM.rows(this.tx.manager(), { leadId }),
    );
    // An erased lead's values are gone: nothing is left to confirm.
    return rows.flatMap((r) => {
      const value = sealer.open(contactContext(r.id), r.value);
      return value === null ? [] : [{ ...r, value }];
    });
  }

  private async opened(rows: LeadRow[]): Promise<LeadRow[]> {
    const sealers = await this.keys.sealers(rows.map((r) => r.id));
    return rows.map((row) => openLead(sealers.get(row.id)!, row));
  }

  private async withSealer<T>(leadId: string, rows: Promise<T[]>): Promise<[T[], Sealer]> {
    return Promise.all([rows, this.keys.sealer(leadId)]);
  }

  history(leadId: string): Promise<HistoryRow[]> {
    return HISTORY.rows(this.tx.manager(), { leadId });
  }

  accessLog(filter: AccessLogFilter): Promise<AccessLogRow[]> {
    const { add, params, clause } = conditions();
    if (filter.leadId) add('lead_ids @> ARRAY[:leadId]::uuid[]', { leadId: filter.leadId });
    if (filter.actorId) add('actor_id = :actorId', { actorId: filter.actorId });
    if (filter.from) add('occurred_at >= :from', { from: filter.from });
    if (filter.to) add('occurred_at < :to', { to: filter.to });
    if (filter.before) add('id < :before', { before: filter.before });
    const statement = sql<Record<string, unknown>, AccessLogRow>(
      `SELECT id, actor_id AS "actorId", actor_role AS "actorRole", action,
        lead_ids AS "leadIds", request_id AS "requestId", occurred_at AS "occurredAt"
       FROM access_log ${clause()}
       ORDER BY id DESC LIMIT :limit`,
    );
    return statement.rows(this.tx.manager(), { ...params, limit: filter.limit + 1 });
  }
}
