import { DynamicModule, Module } from '@nestjs/common';
import { Alerts } from './application/send-alerts/alerts';
import { EventHandling } from './application/react-to-events/event-handling';
import { EVENT_REACTIONS, EventReaction } from './application/react-to-events/event-reaction';

export interface NotificationsOptions {
  /** The worker: consume the lead events and deliver. The api only serves the HTTP interface. */
  worker: boolean;
}

/**
 * Alerts to staff, the crisis safety loop and signed webhooks (issue 13). Driven by the lead
 * events on the topic, in the worker; never inside a request's transaction.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsOptions): DynamicModule {
    // Each part adds its reaction here, in the order they run.
    const reactions: Array<new (...args: never[]) => EventReaction> = [];
    return {
      module: NotificationsModule,
      providers: [
        Alerts,
        ...reactions,
        {
          provide: EVENT_REACTIONS,
          useFactory: (...all: EventReaction[]) => all,
          inject: reactions,
        },
        ...(options.worker ? [EventHandling] : []),
      ],
      exports: [Alerts, ...(options.worker ? [EventHandling] : [])],
    };
  }
}
