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

// One round trip for all of them, taken in the order given (the callers sort them).
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
const PREVIOUS_OWNER = sql<
  { leadId: string; emailIndex: string | null; phoneIndex: string | null },
  { ownerId: string }
>(
  `SELECT owner_id AS "ownerId" FROM leads
    WHERE id <> :leadId AND owner_id IS NOT NULL
      AND (email_index = :emailIndex OR phone_index = :phoneIndex)
    ORDER BY created_at DESC LIMIT 1`,
);

@Injectable()
export class LeadRepository {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly keys: DataKeys,
    private readonly blind: BlindIndex,
  ) {}

  /** Transaction-scoped advisory locks; released at commit or rollback. */
  async lockKeys(keys: string[]): Promise<void> {
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

  /** The owner of the same person's latest other lead (matched by email or phone). */
  async previousOwnerOf(leadId: string, contact: ContactDetails): Promise<string | null> {
    if (!contact.email && !contact.phone) return null;
    const row = await PREVIOUS_OWNER.one(this.tx.manager(), {
      leadId,
      emailIndex: this.blind.of('email', contact.email),
      phoneIndex: this.blind.of('phone', contact.phone),
    });
    return row?.ownerId ?? null;
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

  private async restore(rows: LeadOrmEntity[]): Promise<Lead[]> {
    const sealers = await this.keys.sealers(rows.map((r) => r.id));
    return rows.map((row) => toDomain(row, sealers.get(row.id)!));
  }
}
