import { Injectable } from '@nestjs/common';
import { RowOf, sql, TransactionRunner } from '@intake/platform';
import { ConsentRecord } from '../domain/consent';
import { DEFAULT_CONTACT_RULES, ContactRules } from '../domain/contact-rules';
import { consentRecords, contactRules } from './leads.tables';

type ConsentRow = RowOf<typeof consentRecords.columns>;

// One statement for any number of records: each column's values as one array.
const APPEND = sql<{
  ids: string[];
  leadIds: string[];
  kinds: string[];
  actions: string[];
  wordingVersions: Array<number | null>;
  sources: string[];
  pageOrigins: Array<string | null>;
  pagePaths: Array<string | null>;
  ipHashes: Array<string | null>;
  recordedBys: Array<string | null>;
  submissionIds: Array<string | null>;
  recordedAts: Date[];
}>(
  `INSERT INTO consent_records (${consentRecords
    .properties()
    .map((p) => consentRecords.col(p))
    .join(', ')})
   SELECT * FROM unnest(:ids::uuid[], :leadIds::uuid[], :kinds::text[], :actions::text[],
                        :wordingVersions::int[], :sources::text[], :pageOrigins::text[],
                        :pagePaths::text[], :ipHashes::text[], :recordedBys::uuid[],
                        :submissionIds::uuid[], :recordedAts::timestamptz[])`,
);
const OF_LEAD = sql<{ leadId: string }, ConsentRow>(
  `SELECT ${consentRecords.select()} FROM consent_records
    WHERE lead_id = :leadId ORDER BY recorded_at DESC, id DESC`,
);
const LATEST_OF_LEAD = sql<{ leadId: string }, ConsentRow>(
  `SELECT DISTINCT ON (kind) ${consentRecords.select()} FROM consent_records
    WHERE lead_id = :leadId ORDER BY kind, recorded_at DESC, id DESC`,
);
const RULES = sql<Record<string, never>, Pick<RowOf<typeof contactRules.columns>, 'rules'>>(
  `SELECT ${contactRules.select(['rules'])} FROM contact_rules WHERE id = 1`,
);
const RULES_ROW = ['id', 'rules', 'updatedAt', 'updatedBy'] as const;
const SAVE_RULES = sql<Record<(typeof RULES_ROW)[number], unknown>>(
  `${contactRules.insert(RULES_ROW)}
   ON CONFLICT (id) DO UPDATE SET ${contactRules.set(['rules', 'updatedAt', 'updatedBy'])}`,
);

/** The consent ledger (rows only ever added) and the clinic's contact rules. */
@Injectable()
export class ConsentLedgerRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async append(records: ConsentRecord[]): Promise<void> {
    if (records.length === 0) return;
    await APPEND.execute(this.tx.requireTransaction(), {
      ids: records.map((r) => r.id),
      leadIds: records.map((r) => r.leadId),
      kinds: records.map((r) => r.kind),
      actions: records.map((r) => r.action),
      wordingVersions: records.map((r) => r.wordingVersion),
      sources: records.map((r) => r.source),
      pageOrigins: records.map((r) => r.pageOrigin),
      pagePaths: records.map((r) => r.pagePath),
      ipHashes: records.map((r) => r.ipHash),
      recordedBys: records.map((r) => r.recordedBy),
      submissionIds: records.map((r) => r.submissionId),
      recordedAts: records.map((r) => r.recordedAt),
    });
  }

  /** The lead's ledger, newest first. */
  recordsOf(leadId: string): Promise<ConsentRecord[]> {
    return OF_LEAD.rows(this.tx.manager(), { leadId });
  }

  /** The latest record of each kind the lead has. */
  latestOf(leadId: string): Promise<ConsentRecord[]> {
    return LATEST_OF_LEAD.rows(this.tx.manager(), { leadId });
  }

  async rules(): Promise<ContactRules> {
    const row = await RULES.one(this.tx.manager(), {});
    return { ...DEFAULT_CONTACT_RULES, ...(row?.rules ?? {}) };
  }

  async saveRules(rules: ContactRules, by: { actorId: string | null; at: Date }): Promise<void> {
    await SAVE_RULES.execute(
      this.tx.requireTransaction(),
      contactRules.params(RULES_ROW, { id: 1, rules, updatedAt: by.at, updatedBy: by.actorId }),
    );
  }
}
