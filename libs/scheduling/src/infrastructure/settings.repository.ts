import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';
import { DEFAULT_SETTINGS, SchedulingSettings } from '../domain/scheduling-settings';
import { schedulingSettings } from './scheduling.tables';

type Stored = { settings: Partial<SchedulingSettings> };
const GET = sql<Record<string, never>, Stored>(
  `SELECT settings FROM scheduling_settings WHERE id = 1`,
);
const GET_FOR_UPDATE = sql<Record<string, never>, Stored>(`${GET.source} FOR UPDATE`);
const SAVED = ['settings', 'updatedAt', 'updatedBy'] as const;
const SAVE = sql<Record<(typeof SAVED)[number], unknown>>(
  `INSERT INTO scheduling_settings (id, settings, updated_at, updated_by)
   VALUES (1, :settings, :updatedAt, :updatedBy)
   ON CONFLICT (id) DO UPDATE SET ${schedulingSettings.set(SAVED)}`,
);

/** The clinic's one settings row; the defaults until an admin saves their own. */
@Injectable()
export class SettingsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** `lock`: the row (once saved) stays locked to the end of the transaction. */
  async get(options: { lock?: boolean } = {}): Promise<SchedulingSettings> {
    const row = await (options.lock ? GET_FOR_UPDATE : GET).one(this.tx.manager(), {});
    return row ? { ...DEFAULT_SETTINGS, ...row.settings } : DEFAULT_SETTINGS;
  }

  async save(settings: SchedulingSettings, by: string | null, at: Date): Promise<void> {
    await SAVE.execute(
      this.tx.manager(),
      schedulingSettings.params(SAVED, { settings, updatedAt: at, updatedBy: by }),
    );
  }
}
