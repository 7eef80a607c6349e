import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { deleteInBatches, sql, TransactionRunner } from '@intake/platform';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// Several keys (a submission's email and phone) in one statement, in key order, so two
// statements that share keys lock their rows in the same order.
const HIT = sql<
  { keys: readonly string[]; ttlMs: number; limit: number; blockDurationMs: number },
  { key: string; hits: number; expiresIn: number; blockedFor: number | null }
>(
  `WITH settings AS (
     SELECT now() AS at, make_interval(secs => :ttlMs / 1000.0) AS ttl,
            make_interval(secs => :blockDurationMs / 1000.0) AS block)
   INSERT INTO throttle_counters AS c (key, hits, window_ends_at, blocked_until)
   SELECT k.key, 1, at + ttl, CASE WHEN 1 > :limit THEN at + block END
     FROM settings, (SELECT DISTINCT unnest(:keys::text[]) AS key ORDER BY 1) k
   ON CONFLICT (key) DO UPDATE SET
     hits = CASE WHEN c.blocked_until > now() THEN c.hits
                 WHEN c.blocked_until IS NOT NULL OR c.window_ends_at <= now() THEN 1
                 ELSE c.hits + 1 END,
     window_ends_at = CASE WHEN c.blocked_until > now() THEN c.window_ends_at
                 WHEN c.blocked_until IS NOT NULL OR c.window_ends_at <= now()
                   THEN EXCLUDED.window_ends_at
                 ELSE c.window_ends_at END,
     blocked_until = CASE WHEN c.blocked_until > now() THEN c.blocked_until
                 WHEN c.blocked_until IS NOT NULL OR c.window_ends_at <= now()
                   THEN EXCLUDED.blocked_until
                 WHEN c.hits + 1 > :limit THEN now() + make_interval(secs => :blockDurationMs / 1000.0)
                 END
   RETURNING key, hits,
     ceil(extract(epoch FROM window_ends_at - now()))::int AS "expiresIn",
     ceil(extract(epoch FROM blocked_until - now()))::int AS "blockedFor"`,
);

const PRUNE = sql<{ batch: number }>(
  `DELETE FROM throttle_counters WHERE key IN (
     SELECT key FROM throttle_counters
      WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now())
      LIMIT :batch)`,
);

/**
 * @nestjs/throttler's storage on PostgreSQL, so a limit holds across every api instance on one
 * database. One statement per hit, outside any transaction: the row lock lasts only as long as
 * the statement. A fixed window from the first hit; over the limit, the key is blocked for
 * `blockDuration`, and the next hit after that starts a new window.
 */
@Injectable()
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly tx: TransactionRunner) {}

  async increment(
    key: string,
    ttlMs: number,
    limit: number,
    blockDurationMs: number,
  ): Promise<ThrottlerStorageRecord> {
    return (await this.incrementEach([key], ttlMs, limit, blockDurationMs)).get(key)!;
  }

  /** `increment` for several keys under one limit, in one statement; a record per key. */
  async incrementEach(
    keys: readonly string[],
    ttlMs: number,
    limit: number,
    blockDurationMs: number,
  ): Promise<Map<string, ThrottlerStorageRecord>> {
    if (keys.length === 0) return new Map();
    const rows = await HIT.rows(this.tx.manager(), { keys, ttlMs, limit, blockDurationMs });
    return new Map(
      rows.map((row) => {
        const blockedFor = row.blockedFor ?? 0;
        const record = {
          totalHits: row.hits,
          timeToExpire: Math.max(0, row.expiresIn),
          isBlocked: blockedFor > 0,
          timeToBlockExpire: Math.max(0, blockedFor),
        };
        return [row.key, record];
      }),
    );
  }

  /** Drops windows that have ended and blocks that have lifted. */
  prune(): Promise<number> {
    return deleteInBatches(this.tx.manager(), PRUNE, {});
  }
}
