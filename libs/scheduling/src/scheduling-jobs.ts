import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob } from '@intake/platform';
import { FollowUpJobs } from './application/follow-up-jobs/follow-up-jobs';
import { LeadRouter } from './application/route-lead/lead-router';

export interface SchedulingJobOptions {
  routingIntervalMs: number;
  followUpIntervalMs: number;
  autoStart: boolean;
}

export const SCHEDULING_JOB_OPTIONS = Symbol('SCHEDULING_JOB_OPTIONS');

/** The worker's routing clock: routes the leads waiting for someone. */
@Injectable()
export class LeadRoutingJob extends PeriodicJob {
  constructor(
    private readonly router: LeadRouter,
    @Inject(SCHEDULING_JOB_OPTIONS) options: SchedulingJobOptions,
  ) {
    super('lead-routing', { intervalMs: options.routingIntervalMs, autoStart: options.autoStart });
  }

  runOnce(): Promise<number> {
    return this.router.routeDue();
  }
}

/** The worker's follow-up clock: announces due follow-ups and escalates overdue ones. */
@Injectable()
export class FollowUpClockJob extends PeriodicJob {
  constructor(
    private readonly jobs: FollowUpJobs,
    @Inject(SCHEDULING_JOB_OPTIONS) options: SchedulingJobOptions,
  ) {
    super('follow-up-clock', {
      intervalMs: options.followUpIntervalMs,
      autoStart: options.autoStart,
    });
  }

  /** Two jobs on one clock; a failure of one does not keep the other from running. */
  async runOnce(): Promise<void> {
    const results = await Promise.allSettled([
      this.jobs.announceDue(),
      this.jobs.escalateOverdue(),
    ]);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
