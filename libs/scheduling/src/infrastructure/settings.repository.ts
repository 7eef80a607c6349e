import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import { DEFAULT_SETTINGS, SchedulingSettings } from '../domain/scheduling-settings';

/** The clinic's one settings row; the defaults until an admin saves their own. */
@Injectable()
export class SettingsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** `lock`: the row (once saved) stays locked to the end of the transaction. */
  async get(options: { lock?: boolean } = {}): Promise<SchedulingSettings> {
    const rows: Array<{ settings: SchedulingSettings }> = await this.tx
      .manager()
      .query(
        `SELECT settings FROM scheduling_settings WHERE id = 1${options.lock ? ' FOR UPDATE' : ''}`,
      );
    return rows[0] ? { ...DEFAULT_SETTINGS, ...rows[0].settings } : DEFAULT_SETTINGS;
  }

  async save(settings: SchedulingSettings, by: string | null, at: Date): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO scheduling_settings (id, settings, updated_at, updated_by) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET settings = $1, updated_at = $2, updated_by = $3`,
      [JSON.stringify(settings), at, by],
    );
  }
}
