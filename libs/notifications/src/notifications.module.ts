import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadsModule } from '@intake/leads';
import { Alerts } from './application/send-alerts/alerts';
import { EventHandling } from './application/react-to-events/event-handling';
import { EVENT_REACTIONS, EventReaction } from './application/react-to-events/event-reaction';
import { WebhookFanOut } from './application/fan-out-webhooks/webhook-fan-out';
import {
  WEBHOOK_DELIVERER_OPTIONS,
  WebhookDeliverer,
} from './application/deliver-webhooks/webhook-deliverer';
import { WebhooksService } from './application/manage-webhooks/webhooks.service';
import { AlertOrmEntity } from './infrastructure/alert.orm-entity';
import { HandledEventOrmEntity } from './infrastructure/handled-event.orm-entity';
import { WebhookDeliveryAttemptOrmEntity } from './infrastructure/webhooks/webhook-delivery-attempt.orm-entity';
import { WebhookDeliveryOrmEntity } from './infrastructure/webhooks/webhook-delivery.orm-entity';
import { WebhookDeliveryRepository } from './infrastructure/webhooks/webhook-delivery.repository';
import { WebhookSubscriptionOrmEntity } from './infrastructure/webhooks/webhook-subscription.orm-entity';
import { WebhookSubscriptionRepository } from './infrastructure/webhooks/webhook-subscription.repository';
import { WebhooksConfig } from './infrastructure/webhooks/webhooks.config';
import { WebhooksHttpController } from './interface/http/webhooks.http.controller';
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
import { CrisisPageOrmEntity } from './infrastructure/crisis-page.orm-entity';
import { CrisisPageRepository } from './infrastructure/crisis-page.repository';
import { OnCallSettingsOrmEntity } from './infrastructure/on-call-settings.orm-entity';
import { OnCallSettingsRepository } from './infrastructure/on-call-settings.repository';
import { CrisisHttpController } from './interface/http/crisis.http.controller';

export interface NotificationsOptions {
  /** The worker: consume the lead events and deliver. The api only serves the HTTP interface. */
  worker: boolean;
  /** Start the worker's pollers on their timers (tests call them themselves). Default true. */
  autoStart?: boolean;
  /** Signed webhooks: URL safety (api and worker), sending and retries (worker). */
  webhooks: WebhooksConfig;
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
    const reactions: Array<new (...args: never[]) => EventReaction> = [CrisisPager, WebhookFanOut];
    // The crisis safety loop: HTTP in the api; paging and escalation in the worker.
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
    // Signed webhooks: subscriptions in the api, deliveries in the worker.
    const webhooks = [WebhookSubscriptionRepository, WebhookDeliveryRepository];
    const webhooksWorker = [
      WebhookDeliverer,
      { provide: WEBHOOK_DELIVERER_OPTIONS, useValue: { autoStart: options.autoStart ?? true } },
    ];
    return {
      module: NotificationsModule,
      imports: [
        // The entities must be registered for query builders to know them.
        TypeOrmModule.forFeature([
          AlertOrmEntity,
          HandledEventOrmEntity,
          CrisisPageOrmEntity,
          OnCallSettingsOrmEntity,
          WebhookSubscriptionOrmEntity,
          WebhookDeliveryOrmEntity,
          WebhookDeliveryAttemptOrmEntity,
        ]),
        // The crisis clock's milestones go on the lead's history.
        LeadsModule,
      ],
      controllers: options.worker ? [] : [CrisisHttpController, WebhooksHttpController],
      providers: [
        Alerts,
        { provide: WebhooksConfig, useValue: options.webhooks },
        ...crisis,
        ...webhooks,
        WebhooksService,
        ...(options.worker ? [...crisisWorker, ...webhooksWorker] : crisisApi),
        ...reactions,
        {
          provide: EVENT_REACTIONS,
          useFactory: (...all: EventReaction[]) => all,
          inject: reactions,
        },
        ...(options.worker ? [EventHandling] : []),
      ],
      exports: [
        Alerts,
        ...(options.worker ? [EventHandling, CrisisEscalation, CrisisJobs, WebhookDeliverer] : []),
      ],
    };
  }
}
