export * from './domain/alert';
export * from './domain/alert-settings';
export * from './notifications.module';
export * from './notifications-options';
export * from './infrastructure/alerts.config';
export * from './application/send-alerts/alerts';
export * from './application/react-to-events/event-reaction';
export * from './application/react-to-events/event-handling';
export { WebhookDeliverer } from './application/deliver-webhooks/webhook-deliverer';
export { WebhooksConfig } from './infrastructure/webhooks/webhooks.config';
export { WEBHOOK_WITHHELD_FIELDS } from './application/fan-out-webhooks/webhook-payload';
export * from './application/escalate-crisis-pages/crisis-escalation';
export { AlertDeliverer } from './application/deliver-alerts/alert-deliverer';
export { NotificationsConsumer } from './infrastructure/kafka/notifications-consumer';
export { DeadLetterCounts } from './infrastructure/dead-letter-counts.reader';
export { ParkedEventRedriver } from './application/redrive-parked-event/parked-event-redriver';
// The demo seed sets a rotation through the buses.
export { GetOnCallQuery } from './application/get-on-call/get-on-call.query';
export { ReplaceOnCallCommand } from './application/replace-on-call/replace-on-call.command';
