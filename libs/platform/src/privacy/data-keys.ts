import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sql } from '../database/sql';
import { TransactionRunner } from '../database/transaction-runner';
import { Clock } from '../time/clock';
import { KeyProvider } from './key-provider';
import { dataKeys } from './privacy.tables';
import { Sealer } from './sealer';

type KeyRow = { id: string; keyId: string; wrapped: Buffer };

const INSERT = sql<{ ids: string[]; keyIds: string[]; wrapped: Buffer[]; at: Date }>(
  `INSERT INTO data_keys (id, key_id, wrapped, created_at)
   SELECT id, key_id, wrapped, :at::timestamptz
     FROM unnest(:ids::uuid[], :keyIds::text[], :wrapped::bytea[]) AS k(id, key_id, wrapped)`,
);
const FIND = sql<{ ids: string[] }, KeyRow>(
  `SELECT ${dataKeys.select(['id', 'keyId', 'wrapped'])} FROM data_keys WHERE id = ANY(:ids::uuid[])`,
);
const NOT_ACTIVE = sql<{ activeKeyId: string; batch: number }, KeyRow>(
  `SELECT ${dataKeys.select(['id', 'keyId', 'wrapped'])} FROM data_keys
    WHERE key_id <> :activeKeyId ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED`,
);
const REWRAP = sql<{ ids: string[]; keyIds: string[]; wrapped: Buffer[]; at: Date }>(
  `UPDATE data_keys d SET key_id = n.key_id, wrapped = n.wrapped, rewrapped_at = :at
     FROM unnest(:ids::uuid[], :keyIds::text[], :wrapped::bytea[]) AS n(id, key_id, wrapped)
    WHERE d.id = n.id`,
);
const COUNT_BY_KEY = sql<Record<string, never>, { keyId: string; n: number }>(
  `SELECT key_id AS "keyId", count(*)::int AS n FROM data_keys GROUP BY key_id ORDER BY key_id`,
);

export const DATA_KEY_CACHE_SIZE = Symbol('DATA_KEY_CACHE_SIZE');

/**
 * The data keys: one random AES-256 key per owner (a lead, or a rejected submission), stored
 * wrapped by the KeyProvider in `data_keys`. Unwrapped keys are cached (bounded, least recently
 * used first out) by their wrapped bytes, not by owner: every read still reads the row, so a
 * deleted key (an erasure) stops decryption at once in every process.
 */
@Injectable()
export class DataKeys {
  private readonly cache = new Map<string, Buffer>();
  /** The keys each open transaction created: its own writes need not read them back. */
  private readonly created = new WeakMap<EntityManager, Map<string, Sealer>>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly provider: KeyProvider,
    private readonly clock: Clock,
    @Optional() @Inject(DATA_KEY_CACHE_SIZE) private readonly cacheSize: number = 10_000,
  ) {}

  /** New keys for new owners, in the caller's transaction. */
  async create(ownerIds: readonly string[]): Promise<Map<string, Sealer>> {
    const made = await Promise.all(
      ownerIds.map(async (id) => {
        const key = randomBytes(32);
        return { id, key, ...(await this.provider.wrap(key)) };
      }),
    );
    const sealers = new Map(made.map((m) => [m.id, new Sealer(m.id, m.key)]));
    if (made.length > 0) {
      const manager = this.tx.requireTransaction();
      await INSERT.execute(manager, {
        ids: made.map((m) => m.id),
        keyIds: made.map((m) => m.keyId),
        wrapped: made.map((m) => m.wrapped),
        at: this.clock.now(),
      });
      const created = this.created.get(manager) ?? new Map<string, Sealer>();
      for (const [id, sealer] of sealers) created.set(id, sealer);
      this.created.set(manager, created);
    }
    return sealers;
  }

  async createOne(ownerId: string): Promise<Sealer> {
    return (await this.create([ownerId])).get(ownerId)!;
  }

  /** The owners' sealers; one whose key is gone (erased) gets a sealer that opens to null. */
  async sealers(ownerIds: readonly string[]): Promise<Map<string, Sealer>> {
    const manager = this.tx.manager();
    // A key this transaction created: nobody else sees it yet, so nobody can have erased it.
    const created = this.created.get(manager);
    const unique = [...new Set(ownerIds)];
    const toRead = unique.filter((id) => !created?.has(id));
    const rows = toRead.length ? await FIND.rows(manager, { ids: toRead }) : [];
    const keys = new Map<string, Buffer>();
    for (const row of rows) keys.set(row.id, await this.unwrap(row));
    return new Map(
      unique.map((id) => [id, created?.get(id) ?? new Sealer(id, keys.get(id) ?? null)]),
    );
  }

  async sealer(ownerId: string): Promise<Sealer> {
    return (await this.sealers([ownerId])).get(ownerId)!;
  }

  /**
   * Re-wraps up to `batch` keys that are not under the active key id, in one transaction;
   * returns how many. Run until it answers 0 (`privacy:rewrap` does).
   */
  async rewrapBatch(batch: number): Promise<number> {
    return this.tx.run(async () => {
      const manager: EntityManager = this.tx.requireTransaction();
      const rows = await NOT_ACTIVE.rows(manager, {
        activeKeyId: this.provider.activeKeyId,
        batch,
      });
      const next = await Promise.all(
        rows.map(async (row) => ({
          id: row.id,
          ...(await this.provider.wrap(await this.provider.unwrap(row.keyId, row.wrapped))),
        })),
      );
      if (next.length === 0) return 0;
      await REWRAP.execute(manager, {
        ids: next.map((n) => n.id),
        keyIds: next.map((n) => n.keyId),
        wrapped: next.map((n) => n.wrapped),
        at: this.clock.now(),
      });
      return next.length;
    });
  }

  /** How many data keys each key-encryption key wraps. */
  async countByKeyId(): Promise<Array<{ keyId: string; n: number }>> {
    return COUNT_BY_KEY.rows(this.tx.manager(), {});
  }

  private async unwrap(row: KeyRow): Promise<Buffer> {
    const cacheKey = `${row.keyId}:${row.wrapped.toString('base64')}`;
    const hit = this.cache.get(cacheKey);
    if (hit) {
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, hit);
      return hit;
    }
    const key = await this.provider.unwrap(row.keyId, row.wrapped);
    this.cache.set(cacheKey, key);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return key;
  }
}
