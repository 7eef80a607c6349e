import { Query } from '@nestjs/cqrs';
import type { SchedulingSettings } from '../../domain/scheduling-settings';

/** The clinic's hours, holidays, SLAs and cadence. */
export class GetSchedulingSettingsQuery extends Query<SchedulingSettings> {}
