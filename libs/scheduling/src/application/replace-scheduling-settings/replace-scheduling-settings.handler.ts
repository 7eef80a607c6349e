import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { SchedulingInvalidError } from '../../domain/scheduling-errors';
import { SchedulingSettings, settingsProblems } from '../../domain/scheduling-settings';
import { RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { SettingsRepository } from '../../infrastructure/settings.repository';
import { ReplaceSchedulingSettingsCommand } from './replace-scheduling-settings.command';

@CommandHandler(ReplaceSchedulingSettingsCommand)
export class ReplaceSchedulingSettingsHandler implements ICommandHandler<ReplaceSchedulingSettingsCommand> {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly queue: RoutingQueueRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute({
    props: { settings, context },
  }: ReplaceSchedulingSettingsCommand): Promise<SchedulingSettings> {
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
