import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '@intake/platform';
import { FollowUpJobs } from './application/follow-up-jobs/follow-up-jobs';
import { LeadRouter } from './application/route-lead/lead-router';

export interface SchedulingJobOptions {
  routingIntervalMs: number;
  followUpIntervalMs: number;
  autoStart: boolean;
}

export const SCHEDULING_JOB_OPTIONS = Symbol('SCHEDULING_JOB_OPTIONS');

/** The worker's scheduling clock: route waiting leads, announce due and overdue follow-ups. */
@Injectable()
export class SchedulingJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly routing: PeriodicTask;
  readonly followUps: PeriodicTask;

  constructor(
    router: LeadRouter,
    jobs: FollowUpJobs,
    private readonly options: SchedulingJobOptions,
  ) {
    this.routing = new PeriodicTask('lead-routing', options.routingIntervalMs, async () => {
      await router.routeDue();
    });
    // Two jobs on one clock; a failure of one does not keep the other from running.
    this.followUps = new PeriodicTask('follow-up-clock', options.followUpIntervalMs, async () => {
      const results = await Promise.allSettled([jobs.announceDue(), jobs.escalateOverdue()]);
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    });
  }

  onApplicationBootstrap(): void {
    if (!this.options.autoStart) return;
    this.routing.start();
    this.followUps.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.routing.stop(), this.followUps.stop()]);
  }
}
