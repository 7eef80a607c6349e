import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';
import type { AlertKind } from '../domain/alert';
import { AlertSettings, defaultAlertSettings, DigestMode } from '../domain/alert-settings';
import { AlertSettingsOrmEntity } from './alert-settings.orm-entity';

@Injectable()
export class AlertSettingsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Each person's settings, the defaults for those who never chose. */
  async settingsOf(staffIds: readonly string[]): Promise<Map<string, AlertSettings>> {
    const rows = staffIds.length
      ? await this.tx
          .manager()
          .getRepository(AlertSettingsOrmEntity)
          .createQueryBuilder('s')
          .where('s.staffId IN (:...ids)', { ids: [...staffIds] })
          .getMany()
      : [];
    const found = new Map(rows.map((row) => [row.staffId, toDomain(row)]));
    return new Map(staffIds.map((id) => [id, found.get(id) ?? defaultAlertSettings(id)]));
  }

  async save(settings: AlertSettings & { updatedAt: Date }): Promise<void> {
    await this.tx
      .manager()
      .getRepository(AlertSettingsOrmEntity)
      .upsert(
        {
          staffId: settings.staffId,
          emailEnabled: settings.emailEnabled,
          chatWebhookUrl: settings.chatWebhookUrl,
          kinds: settings.kinds,
          quietStart: settings.quietHours?.start ?? null,
          quietEnd: settings.quietHours?.end ?? null,
          timeZone: settings.timeZone,
          digest: settings.digest,
          updatedAt: settings.updatedAt,
        },
        ['staffId'],
      );
  }
}

function toDomain(row: AlertSettingsOrmEntity): AlertSettings {
  return {
    staffId: row.staffId,
    emailEnabled: row.emailEnabled,
    chatWebhookUrl: row.chatWebhookUrl,
    kinds: row.kinds as AlertKind[],
    quietHours:
      row.quietStart && row.quietEnd ? { start: row.quietStart, end: row.quietEnd } : null,
    timeZone: row.timeZone,
    digest: row.digest as DigestMode,
    updatedAt: row.updatedAt,
  };
}
