import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';
import { DEFAULT_ON_CALL, OnCallSettings } from '../domain/crisis/on-call-rotation';

const readSettings = (lock: boolean) =>
  sql<Record<string, never>, { settings: OnCallSettings }>(
    `SELECT settings FROM crisis_on_call_settings WHERE id = 1${lock ? ' FOR UPDATE' : ''}`,
  );
const READ = readSettings(false);
const READ_LOCKED = readSettings(true);
const SAVE = sql<{ settings: string; at: Date; by: string | null }>(
  `INSERT INTO crisis_on_call_settings (id, settings, updated_at, updated_by)
   VALUES (1, :settings, :at, :by)
   ON CONFLICT (id) DO UPDATE SET settings = :settings, updated_at = :at, updated_by = :by`,
);

/** The clinic's one on-call settings row; the defaults until an admin saves their own. */
@Injectable()
export class OnCallSettingsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** `lock`: the row (once saved) stays locked to the end of the transaction. */
  async get(options: { lock?: boolean } = {}): Promise<OnCallSettings> {
    const row = await (options.lock ? READ_LOCKED : READ).one(this.tx.manager(), {});
    return row ? { ...DEFAULT_ON_CALL, ...row.settings } : DEFAULT_ON_CALL;
  }

  async save(settings: OnCallSettings, by: string | null, at: Date): Promise<void> {
    await SAVE.execute(this.tx.manager(), { settings: JSON.stringify(settings), at, by });
  }
}
