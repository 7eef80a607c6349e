import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { EVENT_TYPES } from '@intake/events';
import { PageLimit, Trim } from '@intake/platform';
import {
  MAX_EVENT_TYPES,
  WebhookSubscription,
  webhookEventTypes,
} from '../../domain/webhooks/webhook-subscription';
import type {
  AttemptView,
  DeliveryStatus,
  DeliveryView,
} from '../../application/list-webhook-deliveries/webhook-delivery-views';

const EVENT_TYPE_ENUM = webhookEventTypes(EVENT_TYPES);
const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

export class CreateWebhookRequest {
  @ApiProperty({
    example: 'https://hooks.clinic-tools.example/intake',
    maxLength: 2048,
    description:
      'Where deliveries are POSTed. https only in production; private, loopback and link-local addresses are refused unless WEBHOOKS_ALLOWED_TARGETS names them.',
  })
  @Trim()
  @IsString()
  @Length(1, 2048)
  url!: string;

  @ApiProperty({
    type: [String],
    enum: EVENT_TYPE_ENUM,
    example: ['intake.lead.submitted.v1', 'intake.lead.assigned.v1'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVENT_TYPES)
  @IsString({ each: true })
  eventTypes!: string[];

  @ApiPropertyOptional({ example: 'Zapier: new leads to the front desk board', maxLength: 500 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookRequest {
  @ApiPropertyOptional({ maxLength: 2048 })
  @ValidateIf((_, value) => value !== undefined)
  @Trim()
  @IsString()
  @Length(1, 2048)
  url?: string;

  @ApiPropertyOptional({ type: [String], enum: EVENT_TYPE_ENUM })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVENT_TYPES)
  @IsString({ each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @ValidateIf((_, value) => value !== undefined)
  @Trim()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({
    description:
      'false turns deliveries off; true turns them back on (also after Intake turned the subscription off for failing). Pending deliveries wait meanwhile.',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String], enum: EVENT_TYPE_ENUM }) eventTypes!: string[];
  @ApiProperty() description!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({
    type: String,
    enum: ['failing', 'admin'],
    nullable: true,
    description: 'failing: Intake turned it off after a delivery failed for a day.',
  })
  disabledReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(s: WebhookSubscription): WebhookResponse {
    return {
      id: s.id,
      url: s.url,
      eventTypes: s.eventTypes,
      description: s.description,
      enabled: s.enabled,
      disabledReason: s.disabledReason,
      disabledAt: s.disabledAt ? new Date(s.disabledAt).toISOString() : null,
      createdAt: new Date(s.createdAt).toISOString(),
      updatedAt: new Date(s.updatedAt).toISOString(),
    };
  }
}

export class WebhookWithSecretResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description:
      'The Standard Webhooks signing secret. Shown this once: keep it where the receiver verifies signatures.',
  })
  secret!: string;
}

export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] }) items!: WebhookResponse[];
}

export class ListDeliveriesRequest {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The last delivery id of the previous page: the next page holds older ones.',
  })
  @IsOptional()
  @IsUUID()
  before?: string;
}

export class DeliveryAttemptResponse {
  @ApiProperty({ format: 'date-time' }) attemptedAt!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no answer.' })
  statusCode!: number | null;
  @ApiProperty({ description: 'From resolving the host to the end of the answer.' })
  latencyMs!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;

  static from(a: AttemptView): DeliveryAttemptResponse {
    return {
      attemptedAt: new Date(a.attemptedAt).toISOString(),
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      error: a.error,
    };
  }
}

export class DeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The `webhook-id` header: the event’s id.' })
  eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) leadId!: string | null;
  @ApiProperty() sequence!: number;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastStatusCode!: number | null;
  @ApiProperty({ type: Number, nullable: true }) lastLatencyMs!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: [DeliveryAttemptResponse], description: 'The latest ten, newest first.' })
  recentAttempts!: DeliveryAttemptResponse[];

  static from(d: DeliveryView): DeliveryResponse {
    const iso = (v: Date | null) => (v ? new Date(v).toISOString() : null);
    return {
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      leadId: d.leadId,
      sequence: Number(d.sequence),
      status: d.status,
      attempts: d.attempts,
      createdAt: new Date(d.createdAt).toISOString(),
      nextAttemptAt: iso(d.nextAttemptAt),
      deliveredAt: iso(d.deliveredAt),
      lastStatusCode: d.lastStatusCode,
      lastLatencyMs: d.lastLatencyMs,
      lastError: d.lastError,
      recentAttempts: d.recentAttempts.map(DeliveryAttemptResponse.from),
    };
  }
}

export class DeliveryListResponse {
  @ApiProperty({ type: [DeliveryResponse] }) items!: DeliveryResponse[];
  @ApiProperty() hasMore!: boolean;
}
