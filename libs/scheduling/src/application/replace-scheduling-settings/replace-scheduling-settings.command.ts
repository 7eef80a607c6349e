import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { SchedulingSettings } from '../../domain/scheduling-settings';

export interface ReplaceSchedulingSettingsProps {
  readonly settings: SchedulingSettings;
  readonly context: AuditContext;
}

/** Replaces the settings; every problem is reported at once and nothing is saved. */
export class ReplaceSchedulingSettingsCommand extends Command<SchedulingSettings> {
  constructor(readonly props: ReplaceSchedulingSettingsProps) {
    super();
  }
}
