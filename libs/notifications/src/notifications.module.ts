import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadsModule } from '@intake/leads';
import { AcknowledgeCrisisPageHandler } from './application/acknowledge-crisis-page/acknowledge-crisis-page.handler';
import { ListCrisisPagesHandler } from './application/list-crisis-pages/list-crisis-pages.handler';
import { AlertRules } from './application/alert-on-events/alert-rules.reaction';
import { AlertDeliverer } from './application/deliver-alerts/alert-deliverer';
import { WebhookDeliverer } from './application/deliver-webhooks/webhook-deliverer';
import { CrisisEscalation } from './application/escalate-crisis-pages/crisis-escalation';
import { WebhookFanOut } from './application/fan-out-webhooks/webhook-fan-out';
import { GetAlertSettingsHandler } from './application/get-alert-settings/get-alert-settings.handler';
import { ReplaceAlertSettingsHandler } from './application/replace-alert-settings/replace-alert-settings.handler';
import { GetOnCallHandler } from './application/get-on-call/get-on-call.handler';
import { ReplaceOnCallHandler } from './application/replace-on-call/replace-on-call.handler';
import { CreateWebhookHandler } from './application/create-webhook/create-webhook.handler';
import { WebhookInputCheck } from './application/create-webhook/webhook-input-check';
import { DeleteWebhookHandler } from './application/delete-webhook/delete-webhook.handler';
import { GetWebhookHandler } from './application/get-webhook/get-webhook.handler';
import { ListWebhookDeliveriesHandler } from './application/list-webhook-deliveries/list-webhook-deliveries.handler';
import { ListWebhooksHandler } from './application/list-webhooks/list-webhooks.handler';
import { RedeliverWebhookDeliveryHandler } from './application/redeliver-webhook-delivery/redeliver-webhook-delivery.handler';
import { RotateWebhookSecretHandler } from './application/rotate-webhook-secret/rotate-webhook-secret.handler';
import { UpdateWebhookHandler } from './application/update-webhook/update-webhook.handler';
import { CrisisPager } from './application/page-on-call/crisis-pager';
import { CrisisPaging } from './application/page-on-call/crisis-paging';
import { EventHandling } from './application/react-to-events/event-handling';
import { EVENT_REACTIONS, EventReaction } from './application/react-to-events/event-reaction';
import { DeadLetterCounts } from './infrastructure/dead-letter-counts.reader';
import { ListDeadAlertDeliveriesHandler } from './application/list-dead-alert-deliveries/list-dead-alert-deliveries.handler';
import { ListParkedEventsHandler } from './application/list-parked-events/list-parked-events.handler';
import { RedriveAlertDeliveryHandler } from './application/redrive-alert-delivery/redrive-alert-delivery.handler';
import { ParkedEventRedriver } from './application/redrive-parked-event/parked-event-redriver';
import { RedriveParkedEventHandler } from './application/redrive-parked-event/redrive-parked-event.handler';
import { Alerts } from './application/send-alerts/alerts';
import { AlertDeliveryOrmEntity } from './infrastructure/alert-delivery.orm-entity';
import { AlertDeliveryRepository } from './infrastructure/alert-delivery.repository';
import { AlertSettingsOrmEntity } from './infrastructure/alert-settings.orm-entity';
import { AlertSettingsRepository } from './infrastructure/alert-settings.repository';
import { AlertOrmEntity } from './infrastructure/alert.orm-entity';
import { ChatChannel } from './infrastructure/channels/chat.channel';
import { MailChannel } from './infrastructure/channels/mail.channel';
import { CrisisPageOrmEntity } from './infrastructure/crisis-page.orm-entity';
import { CrisisPageRepository } from './infrastructure/crisis-page.repository';
import { HandledEventOrmEntity } from './infrastructure/handled-event.orm-entity';
import { NotificationsConsumer } from './infrastructure/kafka/notifications-consumer';
import { LeadFactsReader } from './infrastructure/lead-facts.reader';
import { OnCallSettingsOrmEntity } from './infrastructure/on-call-settings.orm-entity';
import { OnCallSettingsRepository } from './infrastructure/on-call-settings.repository';
import { ParkedEventOrmEntity } from './infrastructure/parked-event.orm-entity';
import { WebhookDeliveryAttemptOrmEntity } from './infrastructure/webhooks/webhook-delivery-attempt.orm-entity';
import { WebhookDeliveryOrmEntity } from './infrastructure/webhooks/webhook-delivery.orm-entity';
import { WebhookDeliveryRepository } from './infrastructure/webhooks/webhook-delivery.repository';
import { WebhookSubscriptionOrmEntity } from './infrastructure/webhooks/webhook-subscription.orm-entity';
import { WebhookSubscriptionRepository } from './infrastructure/webhooks/webhook-subscription.repository';
import { WebhooksConfig } from './infrastructure/webhooks/webhooks.config';
import { AlertSettingsHttpController } from './interface/http/alert-settings.http.controller';
import { CrisisHttpController } from './interface/http/crisis.http.controller';
import { NotificationsAdminHttpController } from './interface/http/notifications-admin.http.controller';
import { WebhooksHttpController } from './interface/http/webhooks.http.controller';
import { NOTIFICATIONS_OPTIONS, NotificationsOptions } from './notifications-options';

/**
 * Alerts to staff, the crisis safety loop and signed webhooks (issue 13). Driven by the lead
 * events on the topic, in the worker; never inside a request's transaction. The api serves the
 * settings, the admin views and the acknowledgements.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsOptions): DynamicModule {
    // What runs for each lead event, in this order, in one transaction per event.
    const reactions: Array<new (...args: never[]) => EventReaction> = [
      AlertRules,
      CrisisPager,
      WebhookFanOut,
    ];
    // Alerts: the worker consumes the topic and delivers; the api serves settings.
    const alertsWorker = [
      NotificationsConsumer,
      AlertDeliverer,
      ParkedEventRedriver,
      MailChannel,
      ChatChannel,
    ];
    // The api's endpoints dispatch these use cases' commands and queries.
    const alertsApi = [
      GetAlertSettingsHandler,
      ReplaceAlertSettingsHandler,
      ListDeadAlertDeliveriesHandler,
      RedriveAlertDeliveryHandler,
      ListParkedEventsHandler,
      RedriveParkedEventHandler,
    ];
    // The crisis safety loop: HTTP in the api; paging and escalation in the worker.
    const crisisApi = [
      AcknowledgeCrisisPageHandler,
      ListCrisisPagesHandler,
      GetOnCallHandler,
      ReplaceOnCallHandler,
    ];
    const crisisWorker = [CrisisEscalation];
    // Signed webhooks: subscriptions in the api, deliveries in the worker.
    const webhooksApi = [
      WebhookInputCheck,
      CreateWebhookHandler,
      ListWebhooksHandler,
      GetWebhookHandler,
      UpdateWebhookHandler,
      DeleteWebhookHandler,
      RotateWebhookSecretHandler,
      ListWebhookDeliveriesHandler,
      RedeliverWebhookDeliveryHandler,
    ];
    const webhooksWorker = [WebhookDeliverer];
    return {
      module: NotificationsModule,
      imports: [
        CqrsModule,
        // The entities this context reads and writes through TypeORM (the app's DataSource loads
        // those named by its modules).
        TypeOrmModule.forFeature([
          AlertOrmEntity,
          HandledEventOrmEntity,
          AlertSettingsOrmEntity,
          AlertDeliveryOrmEntity,
          ParkedEventOrmEntity,
          CrisisPageOrmEntity,
          OnCallSettingsOrmEntity,
          WebhookSubscriptionOrmEntity,
          WebhookDeliveryOrmEntity,
          WebhookDeliveryAttemptOrmEntity,
        ]),
        // The crisis clock's milestones go on the lead's history.
        LeadsModule,
      ],
      controllers: options.worker
        ? []
        : [
            AlertSettingsHttpController,
            NotificationsAdminHttpController,
            CrisisHttpController,
            WebhooksHttpController,
          ],
      providers: [
        { provide: NOTIFICATIONS_OPTIONS, useValue: options },
        { provide: WebhooksConfig, useValue: options.webhooks },
        Alerts,
        AlertDeliveryRepository,
        AlertSettingsRepository,
        LeadFactsReader,
        DeadLetterCounts,
        CrisisPageRepository,
        OnCallSettingsRepository,
        CrisisPaging,
        WebhookSubscriptionRepository,
        WebhookDeliveryRepository,
        ...reactions,
        {
          provide: EVENT_REACTIONS,
          useFactory: (...all: EventReaction[]) => all,
          inject: reactions,
        },
        ...(options.worker
          ? [EventHandling, ...alertsWorker, ...crisisWorker, ...webhooksWorker]
          : [...alertsApi, ...crisisApi, ...webhooksApi]),
      ],
      exports: [
        Alerts,
        DeadLetterCounts,
        ...(options.worker
          ? [
              EventHandling,
              NotificationsConsumer,
              AlertDeliverer,
              ParkedEventRedriver,
              CrisisEscalation,
              WebhookDeliverer,
            ]
          : []),
      ],
    };
  }
}
