import { IsBoolean, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { asBoolean, asInt } from '@intake/platform';

/** What both the api (checking a saved chat webhook) and the worker (sending to it) follow. */
export class AlertChatConfig {
  /** Chat webhooks must be https, unless this is false (local development and tests). */
  @asBoolean()
  @IsBoolean()
  ALERTS_CHAT_HTTPS_ONLY = true;
}

/** The worker's alert delivery: the mail server, the links, and how hard to retry. */
export class AlertsConfig extends AlertChatConfig {
  /** The console's origin, for absolute links in alerts (the api's PUBLIC_URL). */
  @Matches(/^https?:\/\/[^/]+$/, { message: 'must be an origin such as https://intake.example' })
  PUBLIC_URL = 'http://localhost:3000';

  /** Local default: the maildev catcher `npm run local` starts. */
  @IsString()
  @MinLength(1)
  SMTP_HOST = '127.0.0.1';

  @asInt()
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 1025;

  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  @asBoolean()
  @IsBoolean()
  SMTP_SECURE = false;

  /** Empty: no authentication. */
  @IsString()
  SMTP_USER = '';

  @IsString()
  SMTP_PASSWORD = '';

  @IsString()
  @MinLength(3)
  SMTP_FROM = 'Intake <alerts@intake.local>';

  /** How often pending alerts are routed and due deliveries sent. */
  @asInt()
  @IsInt()
  @Min(50)
  @Max(60_000)
  ALERTS_POLL_INTERVAL_MS = 1_000;

  /** Attempts per delivery before it is dead-lettered (about a day with the default backoff). */
  @asInt()
  @IsInt()
  @Min(1)
  @Max(100)
  ALERTS_MAX_ATTEMPTS = 32;

  @asInt()
  @IsInt()
  @Min(100)
  @Max(600_000)
  ALERTS_FIRST_BACKOFF_MS = 5_000;

  @asInt()
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  ALERTS_MAX_BACKOFF_MS = 3_600_000;

  /** A mail server or chat webhook that takes longer than this fails the attempt. */
  @asInt()
  @IsInt()
  @Min(100)
  @Max(120_000)
  ALERTS_SEND_TIMEOUT_MS = 10_000;
}

/** The notifications consumer of the lead-events topic (the topic is KAFKA_TOPIC). */
export class NotificationsConsumerConfig {
  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: 'must be a valid consumer group id' })
  NOTIFICATIONS_CONSUMER_GROUP = 'intake-notifications';

  /** Tries of one record before it is parked (backoff doubles from the first wait). */
  @asInt()
  @IsInt()
  @Min(1)
  @Max(100)
  NOTIFICATIONS_MAX_ATTEMPTS = 5;

  @asInt()
  @IsInt()
  @Min(10)
  @Max(60_000)
  NOTIFICATIONS_FIRST_BACKOFF_MS = 500;
}
