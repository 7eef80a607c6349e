import { Injectable } from '@nestjs/common';
import { AdminAuditService, AuditContext } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { SchedulingInvalidError } from '../../domain/scheduling-errors';
import { SchedulingSettings, settingsProblems } from '../../domain/scheduling-settings';
import { RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { SettingsRepository } from '../../infrastructure/settings.repository';

@Injectable()
export class SchedulingSettingsService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly queue: RoutingQueueRepository,
    private readonly audit: AdminAuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  get(): Promise<SchedulingSettings> {
    return this.settings.get();
  }

  /** Replaces the settings; every problem is reported at once and nothing is saved. */
  async save(settings: SchedulingSettings, context: AuditContext): Promise<SchedulingSettings> {
    const problems = settingsProblems(settings, this.clock.now());
    if (problems.length > 0) throw new SchedulingInvalidError(problems);
    const now = this.clock.now();
    await this.tx.run(async () => {
      const before = await this.settings.get({ lock: true });
      await this.settings.save(settings, context.actor.staffId, now);
      await this.queue.replanWaiting(now);
      await this.audit.record(context, {
        action: 'scheduling_settings.updated',
        targetId: null,
        before,
        after: settings,
      });
    });
    return settings;
  }
}
