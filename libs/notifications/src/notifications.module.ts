import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Alerts } from './application/send-alerts/alerts';
import { EventHandling } from './application/react-to-events/event-handling';
import { EVENT_REACTIONS, EventReaction } from './application/react-to-events/event-reaction';
import { AlertRules } from './application/alert-on-events/alert-rules.reaction';
import { AlertDeliverer } from './application/deliver-alerts/alert-deliverer';
import { AlertSettingsService } from './application/manage-alert-settings/alert-settings.service';
import { DeadLettersService } from './application/redrive-alerts/dead-letters.service';
import { ParkedEventRedriver } from './application/redrive-alerts/parked-event-redriver';
import { AlertDeliveryOrmEntity } from './infrastructure/alert-delivery.orm-entity';
import { AlertDeliveryRepository } from './infrastructure/alert-delivery.repository';
import { AlertOrmEntity } from './infrastructure/alert.orm-entity';
import { AlertSettingsOrmEntity } from './infrastructure/alert-settings.orm-entity';
import { HandledEventOrmEntity } from './infrastructure/handled-event.orm-entity';
import { ParkedEventOrmEntity } from './infrastructure/parked-event.orm-entity';
import { AlertSettingsRepository } from './infrastructure/alert-settings.repository';
import { ChatChannel } from './infrastructure/channels/chat.channel';
import { MailChannel } from './infrastructure/channels/mail.channel';
import { NotificationsConsumer } from './infrastructure/kafka/notifications-consumer';
import { LeadFactsReader } from './infrastructure/lead-facts.reader';
import { AlertSettingsHttpController } from './interface/http/alert-settings.http.controller';
import { NotificationsAdminHttpController } from './interface/http/notifications-admin.http.controller';
import { NOTIFICATIONS_OPTIONS, NotificationsOptions } from './notifications-options';

/**
 * Alerts to staff, the crisis safety loop and signed webhooks (issue 13). Driven by the lead
 * events on the topic, in the worker; never inside a request's transaction.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsOptions): DynamicModule {
    // Each part adds its reaction here, in the order they run.
    const reactions: Array<new (...args: never[]) => EventReaction> = [AlertRules];
    // Part A (alerts): the worker consumes the topic and delivers; the api serves settings.
    const alertsWorker = [
      NotificationsConsumer,
      AlertDeliverer,
      ParkedEventRedriver,
      MailChannel,
      ChatChannel,
    ];
    return {
      module: NotificationsModule,
      // The entities this context reads and writes through TypeORM (the app's DataSource loads
      // those named by its modules).
      imports: [
        TypeOrmModule.forFeature([
          AlertOrmEntity,
          HandledEventOrmEntity,
          AlertSettingsOrmEntity,
          AlertDeliveryOrmEntity,
          ParkedEventOrmEntity,
        ]),
      ],
      controllers: options.worker
        ? []
        : [AlertSettingsHttpController, NotificationsAdminHttpController],
      providers: [
        { provide: NOTIFICATIONS_OPTIONS, useValue: options },
        Alerts,
        AlertDeliveryRepository,
        AlertSettingsRepository,
        AlertSettingsService,
        LeadFactsReader,
        DeadLettersService,
        ...reactions,
        {
          provide: EVENT_REACTIONS,
          useFactory: (...all: EventReaction[]) => all,
          inject: reactions,
        },
        ...(options.worker ? [EventHandling, ...alertsWorker] : []),
      ],
      exports: [
        Alerts,
        DeadLettersService,
        ...(options.worker
          ? [EventHandling, NotificationsConsumer, AlertDeliverer, ParkedEventRedriver]
          : []),
      ],
    };
  }
}
