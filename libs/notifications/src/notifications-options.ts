import type { KafkaConnection } from '@intake/events';
import type { WebhooksConfig } from './infrastructure/webhooks/webhooks.config';

/** How the worker delivers alerts (from AlertsConfig). */
export interface AlertDeliveryOptions {
  publicUrl: string;
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    user: string;
    password: string;
    from: string;
  };
  pollIntervalMs: number;
  maxAttempts: number;
  firstBackoffMs: number;
  maxBackoffMs: number;
  sendTimeoutMs: number;
  autoStart: boolean;
}

/** The worker's consumer of the lead-events topic. */
export interface NotificationsConsumerOptions {
  kafka: KafkaConnection;
  topic: string;
  groupId: string;
  maxAttempts: number;
  firstBackoffMs: number;
  autoStart: boolean;
}

/** The worker's crisis clock. */
export interface CrisisEscalationOptions {
  /** How often open pages are checked: a page escalates within about this long of its time. */
  escalationIntervalMs: number;
  autoStart: boolean;
}

export interface NotificationsOptions {
  /** The worker: consume the lead events and deliver. The api only serves the HTTP interface. */
  worker: boolean;
  /** Refuse chat webhooks that are not https (ALERTS_CHAT_HTTPS_ONLY). */
  chatHttpsOnly: boolean;
  /** Worker only. */
  delivery?: AlertDeliveryOptions;
  /** Worker only. */
  consumer?: NotificationsConsumerOptions;
  /** Start the webhook deliverer on its timer (tests call it themselves). Default true. */
  autoStart?: boolean;
  /** Signed webhooks: URL safety (api and worker), sending and retries (worker). */
  webhooks: WebhooksConfig;
  /** The worker's crisis escalation clock; defaults: every 5 s, started with the worker. */
  crisis?: CrisisEscalationOptions;
}

export const NOTIFICATIONS_OPTIONS = Symbol('NOTIFICATIONS_OPTIONS');
