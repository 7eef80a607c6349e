import { Injectable } from '@nestjs/common';
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
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  get(): Promise<SchedulingSettings> {
    return this.settings.get();
  }

  /** Replaces the settings; every problem is reported at once and nothing is saved. */
  async save(settings: SchedulingSettings, by: string): Promise<SchedulingSettings> {
    const problems = settingsProblems(settings, this.clock.now());
    if (problems.length > 0) throw new SchedulingInvalidError(problems);
    const now = this.clock.now();
    await this.tx.run(async () => {
      await this.settings.save(settings, by, now);
      await this.queue.replanWaiting(now);
    });
    return settings;
  }
}
