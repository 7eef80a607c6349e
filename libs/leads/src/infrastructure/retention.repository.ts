import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';
import { RetentionPolicy } from '../domain/retention-policy';
import { retentionRuns, retentionSettings } from './leads.tables';

type Cutoff = { before: Date; batch: number };

const GET_SETTINGS = sql<Record<string, never>, RetentionPolicy>(
  `SELECT ${retentionSettings.select(['spamDays', 'rawFieldsDaysAfterClose', 'closedLeadYears', 'auditYears'])}
     FROM retention_settings WHERE id = 1`,
);
const SETTINGS_COLUMNS = [
  'id',
  'spamDays',
  'rawFieldsDaysAfterClose',
  'closedLeadYears',
  'auditYears',
  'updatedBy',
  'updatedAt',
] as const;
const SAVE_SETTINGS = sql<Record<(typeof SETTINGS_COLUMNS)[number], unknown>>(
  `${retentionSettings.insert(SETTINGS_COLUMNS)}
   ON CONFLICT (id) DO UPDATE SET ${retentionSettings.set(SETTINGS_COLUMNS.filter((c) => c !== 'id'))}`,
);
const START_RUN = sql<{ id: string; startedAt: Date }>(
  `${retentionRuns.insert(['id', 'startedAt'])}`,
);
const FINISH_RUN = sql<{ id: string; finishedAt: Date; counts: string }>(
  `UPDATE retention_runs SET finished_at = :finishedAt, counts = :counts::jsonb WHERE id = :id`,
);

// Each rule takes one batch of rows nobody else holds (SKIP LOCKED), in the caller's transaction.
// Spam has no lead: its raw fields are sealed under a data key of its own (id = the
// submission's), which goes with it.
const DELETE_SPAM = sql<Cutoff, { n: number }>(
  `WITH gone AS (
     DELETE FROM submissions WHERE id IN (
       SELECT id FROM submissions WHERE status = 'rejected' AND received_at < :before
        ORDER BY received_at LIMIT :batch FOR UPDATE SKIP LOCKED)
     RETURNING id),
   keys AS (DELETE FROM data_keys WHERE id IN (SELECT id FROM gone))
   SELECT count(*)::int AS n FROM gone`,
);
const REMOVE_RAW_FIELDS = sql<Cutoff & { closed: readonly string[] }>(
  `UPDATE submissions SET fields = NULL, unknown_fields = NULL WHERE id IN (
     SELECT s.id FROM submissions s JOIN leads l ON l.id = s.lead_id
      WHERE (s.fields IS NOT NULL OR s.unknown_fields IS NOT NULL)
        AND l.status = ANY(:closed::text[]) AND l.updated_at < :before
      LIMIT :batch FOR UPDATE OF s SKIP LOCKED)`,
);
const CLAIM_CLOSED_LEADS = sql<Cutoff & { closed: readonly string[] }, { id: string }>(
  `SELECT id FROM leads
    WHERE erased_at IS NULL AND status = ANY(:closed::text[]) AND updated_at < :before
    ORDER BY updated_at LIMIT :batch FOR UPDATE SKIP LOCKED`,
);
const DELETE_ACCESS_LOG = sql<Cutoff>(
  `DELETE FROM access_log WHERE id IN (
     SELECT id FROM access_log WHERE occurred_at < :before LIMIT :batch FOR UPDATE SKIP LOCKED)`,
);
const DELETE_ADMIN_AUDIT = sql<Cutoff>(
  `DELETE FROM admin_audit WHERE id IN (
     SELECT id FROM admin_audit WHERE at < :before LIMIT :batch FOR UPDATE SKIP LOCKED)`,
);

/**
 * The retention job's statements. It crosses into intake's `submissions` and access's
 * `admin_audit` on purpose: retention is one clinic policy, run and recorded in one place.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async policy(): Promise<RetentionPolicy | null> {
    return GET_SETTINGS.one(this.tx.manager(), {});
  }

  async savePolicy(policy: RetentionPolicy, by: string | null, at: Date): Promise<void> {
    await SAVE_SETTINGS.execute(
      this.tx.requireTransaction(),
      retentionSettings.params(SETTINGS_COLUMNS, {
        id: 1,
        ...policy,
        updatedBy: by,
        updatedAt: at,
      }),
    );
  }

  async startRun(id: string, startedAt: Date): Promise<void> {
    await START_RUN.execute(this.tx.manager(), { id, startedAt });
  }

  async finishRun(id: string, finishedAt: Date, counts: Record<string, number>): Promise<void> {
    await FINISH_RUN.execute(this.tx.manager(), { id, finishedAt, counts: JSON.stringify(counts) });
  }

  async deleteSpam(cutoff: Cutoff): Promise<number> {
    return (await DELETE_SPAM.one(this.tx.requireTransaction(), cutoff))?.n ?? 0;
  }

  removeRawFields(cutoff: Cutoff, closed: readonly string[]): Promise<number> {
    return REMOVE_RAW_FIELDS.execute(this.tx.requireTransaction(), { ...cutoff, closed });
  }

  async claimClosedLeads(cutoff: Cutoff, closed: readonly string[]): Promise<string[]> {
    const rows = await CLAIM_CLOSED_LEADS.rows(this.tx.requireTransaction(), { ...cutoff, closed });
    return rows.map((r) => r.id);
  }

  deleteAccessLog(cutoff: Cutoff): Promise<number> {
    return DELETE_ACCESS_LOG.execute(this.tx.requireTransaction(), cutoff);
  }

  deleteAdminAudit(cutoff: Cutoff): Promise<number> {
    return DELETE_ADMIN_AUDIT.execute(this.tx.requireTransaction(), cutoff);
  }
}
