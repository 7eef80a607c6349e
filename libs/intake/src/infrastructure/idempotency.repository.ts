import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';
import { idempotencyKeys } from './intake.tables';

export const IDEMPOTENCY_WINDOW_HOURS = 24;

export type Claim<T> = { claimed: true } | { claimed: false; response: T | null };

const CLAIM = sql<
  { formKey: string; key: string; createdAt: Date; windowHours: number },
  { key: string }
>(
  `${idempotencyKeys.insert(['formKey', 'key', 'createdAt'])}
   ON CONFLICT (form_key, key) DO UPDATE SET created_at = EXCLUDED.created_at, response = NULL
    WHERE idempotency_keys.created_at < :createdAt::timestamptz - make_interval(hours => :windowHours)
   RETURNING key`,
);

const RESPONSE = sql<{ formKey: string; key: string }, { response: unknown }>(
  `SELECT ${idempotencyKeys.select(['response'])} FROM idempotency_keys
    WHERE form_key = :formKey AND key = :key`,
);

const COMPLETE = sql<{ formKey: string; key: string; response: unknown }>(
  `UPDATE idempotency_keys SET ${idempotencyKeys.set(['response'])}
    WHERE form_key = :formKey AND key = :key`,
);

/**
 * Claims an idempotency key inside the submission's transaction. A concurrent request with the
 * same key blocks on the row until the first commits, then sees its response; a key older
 * than the window is taken over as new.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async claim<T>(formKey: string, key: string, now: Date): Promise<Claim<T>> {
    const manager = this.tx.requireTransaction();
    const claimed = await CLAIM.rows(manager, {
      formKey,
      key,
      createdAt: now,
      windowHours: IDEMPOTENCY_WINDOW_HOURS,
    });
    if (claimed.length > 0) return { claimed: true };
    const row = await RESPONSE.one(manager, { formKey, key });
    return { claimed: false, response: (row?.response as T | null) ?? null };
  }

  async complete(formKey: string, key: string, response: object): Promise<void> {
    await COMPLETE.execute(this.tx.requireTransaction(), {
      formKey,
      key,
      ...idempotencyKeys.params(['response'], { response }),
    });
  }
}
