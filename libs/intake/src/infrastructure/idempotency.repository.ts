import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';

export const IDEMPOTENCY_WINDOW_HOURS = 24;

export type Claim<T> = { claimed: true } | { claimed: false; response: T | null };

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
    const claimed: unknown[] = await manager.query(
      `INSERT INTO idempotency_keys (form_key, key, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (form_key, key) DO UPDATE SET created_at = EXCLUDED.created_at, response = NULL
        WHERE idempotency_keys.created_at < $3::timestamptz - make_interval(hours => $4)
       RETURNING key`,
      [formKey, key, now, IDEMPOTENCY_WINDOW_HOURS],
    );
    if (claimed.length > 0) return { claimed: true };
    const rows: Array<{ response: T | null }> = await manager.query(
      'SELECT response FROM idempotency_keys WHERE form_key = $1 AND key = $2',
      [formKey, key],
    );
    return { claimed: false, response: rows[0]?.response ?? null };
  }

  async complete(formKey: string, key: string, response: object): Promise<void> {
    await this.tx
      .requireTransaction()
      .query('UPDATE idempotency_keys SET response = $3 WHERE form_key = $1 AND key = $2', [
        formKey,
        key,
        JSON.stringify(response),
      ]);
  }
}
