import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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

export interface NotificationsOptions {
  /** The worker: consume the lead events and deliver. The api only serves the HTTP interface. */
  worker: boolean;
  /** Start the worker's pollers on their timers (tests call them themselves). Default true. */
  autoStart?: boolean;
  /** Signed webhooks: URL safety (api and worker), sending and retries (worker). */
  webhooks: WebhooksConfig;
}

/**
 * Alerts to staff, the crisis safety loop and signed webhooks (issue 13). Driven by the lead
 * events on the topic, in the worker; never inside a request's transaction.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsOptions): DynamicModule {
    // Each part adds its reaction here, in the order they run.
    const reactions: Array<new (...args: never[]) => EventReaction> = [WebhookFanOut];
    const webhooks = [WebhookSubscriptionRepository, WebhookDeliveryRepository];
    const workerOnly = [
      EventHandling,
      WebhookDeliverer,
      { provide: WEBHOOK_DELIVERER_OPTIONS, useValue: { autoStart: options.autoStart ?? true } },
    ];
    return {
      module: NotificationsModule,
      imports: [
        TypeOrmModule.forFeature([
          AlertOrmEntity,
          HandledEventOrmEntity,
          WebhookSubscriptionOrmEntity,
          WebhookDeliveryOrmEntity,
          WebhookDeliveryAttemptOrmEntity,
        ]),
      ],
      controllers: options.worker ? [] : [WebhooksHttpController],
      providers: [
        Alerts,
        { provide: WebhooksConfig, useValue: options.webhooks },
        ...webhooks,
        WebhooksService,
        ...reactions,
        {
          provide: EVENT_REACTIONS,
          useFactory: (...all: EventReaction[]) => all,
          inject: reactions,
        },
        ...(options.worker ? workerOnly : []),
      ],
      exports: [Alerts, ...(options.worker ? [EventHandling, WebhookDeliverer] : [])],
    };
  }
}
