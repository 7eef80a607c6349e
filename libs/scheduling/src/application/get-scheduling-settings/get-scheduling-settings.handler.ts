import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SchedulingSettings } from '../../domain/scheduling-settings';
import { SettingsRepository } from '../../infrastructure/settings.repository';
import { GetSchedulingSettingsQuery } from './get-scheduling-settings.query';

@QueryHandler(GetSchedulingSettingsQuery)
export class GetSchedulingSettingsHandler implements IQueryHandler<
  GetSchedulingSettingsQuery,
  SchedulingSettings
> {
  constructor(private readonly settings: SettingsRepository) {}

  execute(): Promise<SchedulingSettings> {
    return this.settings.get();
  }
}
