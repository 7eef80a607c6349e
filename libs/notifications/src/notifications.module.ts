import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadsModule } from '@intake/leads';
import { Alerts } from './application/send-alerts/alerts';
import { EventHandling } from './application/react-to-events/event-handling';
import { EVENT_REACTIONS, EventReaction } from './application/react-to-events/event-reaction';
import { CrisisPager } from './application/page-on-call/crisis-pager';
import { CrisisPaging } from './application/page-on-call/crisis-paging';
import { AcknowledgeCrisisPage } from './application/acknowledge-crisis-page/acknowledge-crisis-page';
import { OnCallSettingsService } from './application/manage-on-call/on-call-settings.service';
import { CrisisEscalation } from './application/escalate-crisis-pages/crisis-escalation';
import {
  CRISIS_JOB_OPTIONS,
  CrisisJobOptions,
  CrisisJobs,
} from './application/escalate-crisis-pages/crisis-jobs';
import { AlertOrmEntity } from './infrastructure/alert.orm-entity';
import { CrisisPageOrmEntity } from './infrastructure/crisis-page.orm-entity';
import { CrisisPageRepository } from './infrastructure/crisis-page.repository';
import { HandledEventOrmEntity } from './infrastructure/handled-event.orm-entity';
import { OnCallSettingsOrmEntity } from './infrastructure/on-call-settings.orm-entity';
import { OnCallSettingsRepository } from './infrastructure/on-call-settings.repository';
import { CrisisHttpController } from './interface/http/crisis.http.controller';

export interface NotificationsOptions {
  /** The worker: consume the lead events and deliver. The api only serves the HTTP interface. */
  worker: boolean;
  /** The worker's crisis escalation clock (part C); defaults: every 5 s, started with the worker. */
  crisis?: CrisisJobOptions;
}

/**
 * Alerts to staff, the crisis safety loop and signed webhooks (issue 13). Driven by the lead
 * events on the topic, in the worker; never inside a request's transaction.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsOptions): DynamicModule {
    // Each part adds its reaction here, in the order they run.
    const reactions: Array<new (...args: never[]) => EventReaction> = [CrisisPager];
    // Part C, the crisis safety loop: HTTP in the api; paging and escalation in the worker.
    const crisis = [CrisisPageRepository, OnCallSettingsRepository, CrisisPaging];
    const crisisApi = [AcknowledgeCrisisPage, OnCallSettingsService];
    const crisisWorker = [
      CrisisEscalation,
      CrisisJobs,
      {
        provide: CRISIS_JOB_OPTIONS,
        useValue: options.crisis ?? { escalationIntervalMs: 5000, autoStart: true },
      },
    ];
    return {
      module: NotificationsModule,
      imports: [
        // The entities must be registered (autoLoadEntities) for query builders to know them.
        TypeOrmModule.forFeature([
          AlertOrmEntity,
          HandledEventOrmEntity,
          CrisisPageOrmEntity,
          OnCallSettingsOrmEntity,
        ]),
        // The crisis clock's milestones go on the lead's history.
        LeadsModule,
      ],
      controllers: options.worker ? [] : [CrisisHttpController],
      providers: [
        Alerts,
        ...crisis,
        ...(options.worker ? crisisWorker : crisisApi),
        ...reactions,
        {
          provide: EVENT_REACTIONS,
          useFactory: (...all: EventReaction[]) => all,
          inject: reactions,
        },
        ...(options.worker ? [EventHandling] : []),
      ],
      exports: [Alerts, ...(options.worker ? [EventHandling, CrisisEscalation, CrisisJobs] : [])],
    };
  }
}
