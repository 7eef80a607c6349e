import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '@intake/platform';
import { CrisisEscalation } from './crisis-escalation';

export interface CrisisJobOptions {
  /** How often open pages are checked: a page escalates within about this long of its time. */
  escalationIntervalMs: number;
  autoStart: boolean;
}

export const CRISIS_JOB_OPTIONS = Symbol('CRISIS_JOB_OPTIONS');

/** The worker's crisis clock. */
@Injectable()
export class CrisisJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly escalation: PeriodicTask;

  constructor(
    escalation: CrisisEscalation,
    @Inject(CRISIS_JOB_OPTIONS) private readonly options: CrisisJobOptions,
  ) {
    this.escalation = new PeriodicTask(
      'crisis-escalation',
      options.escalationIntervalMs,
      async () => {
        await escalation.escalateDue();
      },
    );
  }

  onApplicationBootstrap(): void {
    if (this.options.autoStart) this.escalation.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.escalation.stop();
  }
}
