import { Injectable } from '@nestjs/common';
import { BlindIndex, DataKeys, EntitySql, sql, TransactionRunner } from '@intake/platform';
import { ContactDetails } from '../domain/inquiry';
import { Lead } from '../domain/lead';
import { OPEN_STATUSES } from '../domain/lead-status';
import { toDomain, toOrm } from './lead.mapper';
import { LeadOrmEntity } from './lead.orm-entity';

export class StaleLeadError extends Error {}

// Prepared statements for the reads and writes every submission and command makes.
const LEADS = new EntitySql(LeadOrmEntity);
// Row locks, in id order: a request matching this lead by its other channel holds other
// advisory locks, so the lead row itself must be locked before it is changed. `statuses` null:
// any status.
const BY_CONTACT_FOR_UPDATE = `WHERE (email_index = :emailIndex OR phone_index = :phoneIndex)
    AND (:statuses::text[] IS NULL OR status = ANY(:statuses::text[]))
  ORDER BY id FOR UPDATE`;

// One round trip for all of them, taken in the order given.
const LOCK_KEYS = sql<{ keys: readonly string[] }>(
  `SELECT count(pg_advisory_xact_lock(hashtextextended(k.key, 0)))::int AS n
     FROM (SELECT key FROM unnest(:keys::text[]) WITH ORDINALITY AS t(key, i) ORDER BY i) k`,
);
const OPEN_LEAD_COUNTS = sql<
  { ownerIds: readonly string[]; statuses: readonly string[] },
  { ownerId: string; n: number }
>(
  `SELECT owner_id AS "ownerId", count(*)::int AS n FROM leads
    WHERE owner_id = ANY(:ownerIds::uuid[]) AND status = ANY(:statuses::text[]) GROUP BY owner_id`,
);
const PREVIOUS_OWNERS = sql<
  { leadIds: string[]; emailIndexes: (string | null)[]; phoneIndexes: (string | null)[] },
  { leadId: string; ownerId: string }
>(
  `SELECT t.lead_id AS "leadId", p.owner_id AS "ownerId"
     FROM unnest(:leadIds::uuid[], :emailIndexes::text[], :phoneIndexes::text[])
          AS t(lead_id, email_index, phone_index)
     CROSS JOIN LATERAL (
       SELECT owner_id FROM (
         -- One index lookup for each channel: an OR of the two let the planner walk every owned
         -- lead instead (0.6 s a batch with 10,000 leads).
         (SELECT owner_id, created_at FROM leads
           WHERE email_index = t.email_index AND id <> t.lead_id AND owner_id IS NOT NULL
           ORDER BY created_at DESC LIMIT 1)
         UNION ALL
         (SELECT owner_id, created_at FROM leads
           WHERE phone_index = t.phone_index AND id <> t.lead_id AND owner_id IS NOT NULL
           ORDER BY created_at DESC LIMIT 1)) c
        ORDER BY created_at DESC LIMIT 1) p`,
);

/** Sets every column but the id from `json_populate_recordset` rows, where the version still matches. */
function updateManyStatement(columns: readonly string[]) {
  const names = columns.filter((n) => n !== 'id');
  return sql<{ rows: string; ids: string[]; versions: number[] }, { id: string }>(
    `UPDATE leads l SET (${names.join(', ')}) = (${names.map((n) => `r.${n}`).join(', ')})
       FROM json_populate_recordset(NULL::leads, :rows::json) r,
            unnest(:ids::uuid[], :versions::int[]) AS v(id, version)
      WHERE l.id = r.id AND v.id = r.id AND l.version = v.version
      RETURNING l.id`,
  );
}

@Injectable()
export class LeadRepository {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly keys: DataKeys,
    private readonly blind: BlindIndex,
  ) {}

  /** `updateMany`'s statements by the columns they set, built the first time each is needed. */
  private readonly updateManyStatements = new Map<string, ReturnType<typeof updateManyStatement>>();

  /**
   * Serializes writes for one person: two racing requests with the same email or phone take the
   * same transaction-scoped advisory lock, so the second sees the lead the first created. The
   * locks are named by the blind indexes, never the values (a lock wait can be logged with its
   * parameters), and taken sorted, so two requests that share both never deadlock.
   */
  async lockContact(contact: ContactDetails): Promise<void> {
    const keys = [this.blind.of('email', contact.email), this.blind.of('phone', contact.phone)]
      .filter((index) => index !== null)
      .map((index) => `lead-contact:${index}`)
      .sort();
    if (keys.length > 0) await LOCK_KEYS.rows(this.tx.requireTransaction(), { keys });
  }

  /** Open leads sharing the email or phone, locked for update until the transaction ends. */
  findOpenByContact(contact: ContactDetails): Promise<Lead[]> {
    return this.lockedByContact(contact, OPEN_STATUSES);
  }

  /**
   * Every lead of the person, open or closed, matched as duplicates are (the normalized email or
   * phone), locked until the transaction ends.
   */
  findAllByContactForUpdate(contact: ContactDetails): Promise<Lead[]> {
    return this.lockedByContact(contact, null);
  }

  private async lockedByContact(
    contact: ContactDetails,
    statuses: readonly string[] | null,
  ): Promise<Lead[]> {
    const emailIndex = this.blind.of('email', contact.email);
    const phoneIndex = this.blind.of('phone', contact.phone);
    if (emailIndex === null && phoneIndex === null) return [];
    const rows = await LEADS.select(this.tx.requireTransaction(), BY_CONTACT_FOR_UPDATE, {
      emailIndex,
      phoneIndex,
      statuses,
    });
    return this.restore(rows);
  }

  /** The lead, locked until the transaction ends, so commands on it run one at a time. */
  async findForUpdate(id: string, skipLocked = false): Promise<Lead | null> {
    const manager = this.tx.requireTransaction();
    const [row] = await LEADS.select(
      manager,
      skipLocked ? 'WHERE id = :id FOR UPDATE SKIP LOCKED' : 'WHERE id = :id FOR UPDATE',
      { id },
    );
    return row ? (await this.restore([row]))[0] : null;
  }

  /**
   * Those of the leads nobody else holds, locked until the transaction ends (in id order, so two
   * callers never wait on each other in a cycle); the others are left out.
   */
  async findManyForUpdateSkipLocked(ids: readonly string[]): Promise<Map<string, Lead>> {
    if (ids.length === 0) return new Map();
    const rows = await LEADS.select(
      this.tx.requireTransaction(),
      'WHERE id = ANY(:ids::uuid[]) ORDER BY id FOR UPDATE SKIP LOCKED',
      { ids: [...ids] },
    );
    return new Map((await this.restore(rows)).map((lead) => [lead.id, lead]));
  }

  async find(id: string): Promise<Lead | null> {
    const row = await this.tx.manager().findOneBy(LeadOrmEntity, { id });
    return row ? (await this.restore([row]))[0] : null;
  }

  async openLeadCounts(ownerIds: readonly string[]): Promise<Map<string, number>> {
    if (ownerIds.length === 0) return new Map();
    const rows = await OPEN_LEAD_COUNTS.rows(this.tx.manager(), {
      ownerIds,
      statuses: OPEN_STATUSES,
    });
    return new Map(rows.map((r) => [r.ownerId, r.n]));
  }

  /**
   * For each lead, the owner of the same person's latest other lead (matched by email or phone),
   * in one statement: lead id → owner, for those that have one.
   */
  async previousOwnersOf(
    leads: readonly { id: string; contact: ContactDetails }[],
  ): Promise<Map<string, string>> {
    const asked = leads.filter((l) => l.contact.email || l.contact.phone);
    if (asked.length === 0) return new Map();
    const rows = await PREVIOUS_OWNERS.rows(this.tx.manager(), {
      leadIds: asked.map((l) => l.id),
      emailIndexes: asked.map((l) => this.blind.of('email', l.contact.email)),
      phoneIndexes: asked.map((l) => this.blind.of('phone', l.contact.phone)),
    });
    return new Map(rows.map((r) => [r.leadId, r.ownerId]));
  }

  /** A new lead gets its data key here, in the same transaction. */
  async insert(lead: Lead): Promise<void> {
    const sealer = await this.keys.createOne(lead.id);
    await LEADS.insert(this.tx.requireTransaction(), toOrm(lead, sealer, this.blind));
  }

  /** Saves a changed lead if nobody else changed it since it was read. */
  async update(lead: Lead): Promise<void> {
    const row = toOrm(lead, await this.keys.sealer(lead.id), this.blind);
    const changed = await LEADS.update(
      this.tx.requireTransaction(),
      row,
      'id = :id AND version = :persistedVersion',
      { persistedVersion: lead.persistedVersion ?? -1 },
    );
    if (changed !== 1) throw new StaleLeadError(`Lead ${row.id} changed concurrently`);
  }

  /**
   * `update` for many leads in one statement: every column `update` writes, from one JSON row per
   * lead. Fails, leaving the transaction to roll back, if anybody changed one of them since.
   */
  async updateMany(leads: readonly Lead[]): Promise<void> {
    if (leads.length === 0) return;
    if (leads.length === 1) return this.update(leads[0]);
    const m = this.tx.requireTransaction();
    const sealers = await this.keys.sealers(leads.map((l) => l.id));
    const orm = leads.map(
      (lead) =>
        toOrm(lead, sealers.get(lead.id)!, this.blind) as unknown as Record<string, unknown>,
    );
    // The columns `update` writes: those the mapper set (an unset one is left as it is).
    const columns = m.connection
      .getMetadata(LeadOrmEntity)
      .columns.filter((c) => orm.some((row) => row[c.propertyName] !== undefined));
    const names = columns.map((c) => c.databaseName);
    const key = names.join(',');
    let statement = this.updateManyStatements.get(key);
    if (!statement) this.updateManyStatements.set(key, (statement = updateManyStatement(names)));
    const result = await statement.rows(m, {
      rows: JSON.stringify(
        orm.map((row) =>
          Object.fromEntries(columns.map((c) => [c.databaseName, row[c.propertyName]])),
        ),
      ),
      ids: leads.map((l) => l.id),
      versions: leads.map((l) => l.persistedVersion ?? -1),
    });
    if (result.length !== leads.length) {
      const saved = new Set(result.map((r) => r.id));
      const stale = leads.find((l) => !saved.has(l.id))!;
      throw new StaleLeadError(`Lead ${stale.id} changed concurrently`);
    }
  }

  private async restore(rows: LeadOrmEntity[]): Promise<Lead[]> {
    const sealers = await this.keys.sealers(rows.map((r) => r.id));
    return rows.map((row) => toDomain(row, sealers.get(row.id)!));
  }
}
