export * from './domain/alert';
export * from './notifications.module';
export * from './application/send-alerts/alerts';
export * from './application/react-to-events/event-reaction';
export * from './application/react-to-events/event-handling';
export { WebhookDeliverer } from './application/deliver-webhooks/webhook-deliverer';
export { WebhooksConfig } from './infrastructure/webhooks/webhooks.config';
export { WEBHOOK_WITHHELD_FIELDS } from './domain/webhooks/webhook-payload';
