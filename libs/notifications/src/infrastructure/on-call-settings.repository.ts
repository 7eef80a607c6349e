import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { DEFAULT_ON_CALL, OnCallSettings } from '../domain/crisis/on-call-rotation';

/** The clinic's one on-call settings row; the defaults until an admin saves their own. */
@Injectable()
export class OnCallSettingsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** `lock`: the row (once saved) stays locked to the end of the transaction. */
  async get(options: { lock?: boolean } = {}): Promise<OnCallSettings> {
    const rows: Array<{ settings: OnCallSettings }> = await this.tx
      .manager()
      .query(
        `SELECT settings FROM crisis_on_call_settings WHERE id = 1${options.lock ? ' FOR UPDATE' : ''}`,
      );
    return rows[0] ? { ...DEFAULT_ON_CALL, ...rows[0].settings } : DEFAULT_ON_CALL;
  }

  async save(settings: OnCallSettings, by: string | null, at: Date): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO crisis_on_call_settings (id, settings, updated_at, updated_by) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET settings = $1, updated_at = $2, updated_by = $3`,
      [JSON.stringify(settings), at, by],
    );
  }
}
