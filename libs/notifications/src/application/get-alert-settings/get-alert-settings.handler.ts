import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AlertSettings } from '../../domain/alert-settings';
import { AlertSettingsRepository } from '../../infrastructure/alert-settings.repository';
import { GetAlertSettingsQuery } from './get-alert-settings.query';

@QueryHandler(GetAlertSettingsQuery)
export class GetAlertSettingsHandler implements IQueryHandler<
  GetAlertSettingsQuery,
  AlertSettings
> {
  constructor(private readonly settings: AlertSettingsRepository) {}

  async execute({ props: q }: GetAlertSettingsQuery): Promise<AlertSettings> {
    return (await this.settings.settingsOf([q.staffId])).get(q.staffId)!;
  }
}
