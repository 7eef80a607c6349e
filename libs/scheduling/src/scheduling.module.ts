import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LeadsModule } from '@intake/leads';
import { ExplainAssignmentHandler } from './application/explain-assignment/explain-assignment.handler';
import { FollowUpJobs } from './application/follow-up-jobs/follow-up-jobs';
import { GetQueueHandler } from './application/get-queue/get-queue.handler';
import { CreateRoutingPoolHandler } from './application/create-routing-pool/create-routing-pool.handler';
import { RoutingPoolSaver } from './application/create-routing-pool/routing-pool-saver';
import { DeleteRoutingPoolHandler } from './application/delete-routing-pool/delete-routing-pool.handler';
import { GetRoutingPoolHandler } from './application/get-routing-pool/get-routing-pool.handler';
import { ListRoutingPoolsHandler } from './application/list-routing-pools/list-routing-pools.handler';
import { ListRoutingRulesHandler } from './application/list-routing-rules/list-routing-rules.handler';
import { ReplaceRoutingRulesHandler } from './application/replace-routing-rules/replace-routing-rules.handler';
import { UpdateRoutingPoolHandler } from './application/update-routing-pool/update-routing-pool.handler';
import { GetSchedulingSettingsHandler } from './application/get-scheduling-settings/get-scheduling-settings.handler';
import { ReplaceSchedulingSettingsHandler } from './application/replace-scheduling-settings/replace-scheduling-settings.handler';
import { CreateAwayPeriodHandler } from './application/create-away-period/create-away-period.handler';
import { DeleteAwayPeriodHandler } from './application/delete-away-period/delete-away-period.handler';
import { GetStaffScheduleHandler } from './application/get-staff-schedule/get-staff-schedule.handler';
import { ListAwayPeriodsHandler } from './application/list-away-periods/list-away-periods.handler';
import { UpdateStaffScheduleHandler } from './application/update-staff-schedule/update-staff-schedule.handler';
import { ListLeadFollowUpsHandler } from './application/list-lead-follow-ups/list-lead-follow-ups.handler';
import { RescheduleFollowUpHandler } from './application/reschedule-follow-up/reschedule-follow-up.handler';
import { ScheduleFollowUpHandler } from './application/schedule-follow-up/schedule-follow-up.handler';
import {
  LIVE_UPDATES_OPTIONS,
  LiveUpdatesOptions,
  QueueChanges,
} from './application/watch-queue/queue-changes';
import { LeadRouter } from './application/route-lead/lead-router';
import { Candidates } from './application/load-candidates/candidates';
import { FollowUpPlanner } from './application/plan-follow-ups/follow-up-planner';
import { FollowUpStore } from './application/save-follow-ups/follow-up-store';
import { SchedulingGauges } from './application/metrics/scheduling-gauges';
import { SchedulingMetrics } from './application/metrics/scheduling-metrics';
import { SchedulingReactions } from './application/react-to-lead-changes/scheduling-reactions';
import { DecisionRepository } from './infrastructure/decision.repository';
import { FollowUpRepository } from './infrastructure/follow-up.repository';
import { PoolRepository } from './infrastructure/pool.repository';
import { RoutingQueueRepository } from './infrastructure/routing-queue.repository';
import { RuleRepository } from './infrastructure/rule.repository';
import { SchedulingBacklogReader } from './infrastructure/scheduling-backlog.reader';
import { SettingsRepository } from './infrastructure/settings.repository';
import { StaffScheduleRepository } from './infrastructure/staff-schedule.repository';
import {
  FollowUpClockJob,
  LeadRoutingJob,
  SCHEDULING_JOB_OPTIONS,
  SchedulingJobOptions,
} from './scheduling-jobs';
import { FollowUpsHttpController } from './interface/http/follow-ups.http.controller';
import { SchedulingAdminHttpController } from './interface/http/scheduling-admin.http.controller';

/**
 * Scheduling: routing leads to coordinators and keeping their follow-ups coming. Every process
 * that changes leads imports it, so its reactions run in those changes' transactions. Needs
 * AccessModule (global) for staff.
 */
@Module({})
export class SchedulingModule {
  /**
   * `http`: the API's controllers, and the instance's one listener feeding its queue streams;
   * `jobs`: the worker's periodic routing and follow-up clock.
   */
  static forRoot(options: {
    http?: { live: LiveUpdatesOptions };
    jobs?: SchedulingJobOptions;
  }): DynamicModule {
    const jobs = options.jobs
      ? [
          { provide: SCHEDULING_JOB_OPTIONS, useValue: options.jobs },
          LeadRoutingJob,
          FollowUpClockJob,
          // The database-wide routing and follow-up gauges come from the workers only.
          SchedulingBacklogReader,
          SchedulingGauges,
        ]
      : [];
    const http = options.http
      ? [{ provide: LIVE_UPDATES_OPTIONS, useValue: options.http.live }, QueueChanges]
      : [];
    return {
      module: SchedulingModule,
      imports: [CqrsModule, LeadsModule],
      controllers: options.http ? [SchedulingAdminHttpController, FollowUpsHttpController] : [],
      providers: [
        SettingsRepository,
        StaffScheduleRepository,
        PoolRepository,
        RuleRepository,
        RoutingQueueRepository,
        DecisionRepository,
        FollowUpRepository,
        FollowUpStore,
        FollowUpPlanner,
        Candidates,
        SchedulingReactions,
        SchedulingMetrics,
        LeadRouter,
        FollowUpJobs,
        GetSchedulingSettingsHandler,
        ReplaceSchedulingSettingsHandler,
        GetStaffScheduleHandler,
        UpdateStaffScheduleHandler,
        ListAwayPeriodsHandler,
        CreateAwayPeriodHandler,
        DeleteAwayPeriodHandler,
        ListRoutingPoolsHandler,
        GetRoutingPoolHandler,
        RoutingPoolSaver,
        CreateRoutingPoolHandler,
        UpdateRoutingPoolHandler,
        DeleteRoutingPoolHandler,
        ListRoutingRulesHandler,
        ReplaceRoutingRulesHandler,
        ListLeadFollowUpsHandler,
        ScheduleFollowUpHandler,
        RescheduleFollowUpHandler,
        GetQueueHandler,
        ExplainAssignmentHandler,
        ...jobs,
        ...http,
      ],
      exports: [
        LeadRouter,
        FollowUpJobs,
        ...(options.jobs ? [LeadRoutingJob, FollowUpClockJob] : []),
      ],
    };
  }
}
