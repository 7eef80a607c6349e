import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ALERT_KINDS, AlertKind } from '../../domain/alert';
import {
  ALERT_CHANNELS,
  AlertChannel,
  AlertSettings,
  CLOCK_TIME,
  DIGEST_MODES,
  DigestMode,
} from '../../domain/alert-settings';
import type { DeadDelivery } from '../../application/list-dead-alert-deliveries/dead-delivery';
import type { ParkedEvent } from '../../application/list-parked-events/list-parked-events.query';

export class QuietHoursDto {
  @ApiProperty({ example: '21:00', description: 'HH:mm in `timeZone`.' })
  @IsString()
  @Matches(CLOCK_TIME, { message: 'must be HH:mm (00:00 to 23:59)' })
  start!: string;

  @ApiProperty({ example: '07:00', description: 'HH:mm; before `start` spans midnight.' })
  @IsString()
  @Matches(CLOCK_TIME, { message: 'must be HH:mm (00:00 to 23:59)' })
  end!: string;
}

/** The whole of a person's alert settings: PUT replaces them, GET returns them. */
export class AlertSettingsDto {
  @ApiProperty({ description: 'Alerts by email to your staff email address.' })
  @IsBoolean()
  emailEnabled!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 2000,
    example: 'https://hooks.slack.com/services/T000/B000/XXXX',
    description:
      'A chat incoming webhook (Slack, Mattermost, Rocket.Chat, Microsoft Teams): it receives `{"text": …}`. https only in production.',
  })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  chatWebhookUrl!: string | null;

  @ApiProperty({
    enum: ALERT_KINDS,
    isArray: true,
    description: 'The alerts you want. Crisis pages come whatever this says.',
  })
  @IsArray()
  @ArrayMaxSize(ALERT_KINDS.length)
  @IsIn(ALERT_KINDS, { each: true })
  kinds!: AlertKind[];

  @ApiProperty({
    type: QuietHoursDto,
    nullable: true,
    description:
      'Normal alerts wait until these hours end; urgent alerts and pages come through them.',
  })
  @ValidateIf((_, v) => v !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours!: QuietHoursDto | null;

  @ApiProperty({ example: 'America/Chicago', description: 'IANA zone of quiet hours and digests.' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @ApiProperty({
    enum: DIGEST_MODES,
    description:
      'Normal alerts one by one (`off`), or gathered in one message at the top of each hour or daily at 08:00 (never inside quiet hours). Urgent alerts and pages are never held.',
  })
  @IsIn(DIGEST_MODES)
  digest!: DigestMode;
}

export class AlertSettingsResponse extends AlertSettingsDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null: defaults.',
  })
  updatedAt!: string | null;

  static from(s: AlertSettings): AlertSettingsResponse {
    return {
      emailEnabled: s.emailEnabled,
      chatWebhookUrl: s.chatWebhookUrl,
      kinds: [...s.kinds],
      quietHours: s.quietHours ? { ...s.quietHours } : null,
      timeZone: s.timeZone,
      digest: s.digest,
      updatedAt: s.updatedAt?.toISOString() ?? null,
    };
  }
}

export class DeadAlertDeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ enum: ALERT_CHANNELS }) channel!: AlertChannel;
  @ApiProperty({ enum: ALERT_KINDS, isArray: true }) kinds!: AlertKind[];
  @ApiProperty({ description: 'Alerts in it: more than one for a digest.' }) alertCount!: number;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) deadAt!: string;

  static from(d: DeadDelivery): DeadAlertDeliveryResponse {
    return {
      id: d.id,
      staffId: d.staffId,
      channel: d.channel,
      kinds: [...d.kinds],
      alertCount: Number(d.alertCount),
      attempts: d.attempts,
      lastError: d.lastError,
      createdAt: new Date(d.createdAt).toISOString(),
      deadAt: new Date(d.deadAt).toISOString(),
    };
  }
}

export class DeadAlertDeliveryListResponse {
  @ApiProperty({ type: [DeadAlertDeliveryResponse] }) items!: DeadAlertDeliveryResponse[];
}

export class ParkedNotificationEventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: '`ce_id`' }) eventId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '`ce_type`' }) type!: string | null;
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty() offset!: string;
  @ApiProperty() error!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) parkedAt!: string;

  static from(p: ParkedEvent): ParkedNotificationEventResponse {
    return { ...p, parkedAt: p.parkedAt.toISOString() };
  }
}

export class ParkedNotificationEventListResponse {
  @ApiProperty({ type: [ParkedNotificationEventResponse] })
  items!: ParkedNotificationEventResponse[];
}
