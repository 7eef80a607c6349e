import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@intake/platform';
import { OnCallSettingsRepository } from '../../infrastructure/on-call-settings.repository';
import { GetOnCallQuery } from './get-on-call.query';
import { OnCallView, onCallView } from './on-call-view';

@QueryHandler(GetOnCallQuery)
export class GetOnCallHandler implements IQueryHandler<GetOnCallQuery, OnCallView> {
  constructor(
    private readonly settings: OnCallSettingsRepository,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<OnCallView> {
    return onCallView(await this.settings.get(), this.clock.now());
  }
}
