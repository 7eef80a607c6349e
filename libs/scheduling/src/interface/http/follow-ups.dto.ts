import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsTimestamp } from '@intake/platform';
import {
  FOLLOW_UP_KINDS,
  FollowUpKind,
  FollowUpState,
  RESCHEDULE_REASONS,
  RescheduleReason,
} from '../../domain/follow-up';
import { PRIORITIES, Priority } from '../../domain/scheduling-settings';

export class RescheduleFollowUpRequest {
  @ApiProperty({ example: '2026-12-01T15:00:00Z' }) @IsTimestamp() dueAt!: string;
  @ApiProperty({ enum: RESCHEDULE_REASONS }) @IsIn(RESCHEDULE_REASONS) reason!: RescheduleReason;
}

export class ScheduleFollowUpRequest {
  @ApiProperty({ enum: ['callback', 'consult_reminder'] })
  @IsIn(['callback', 'consult_reminder'])
  kind!: Extract<FollowUpKind, 'callback' | 'consult_reminder'>;

  @ApiProperty({ example: '2026-12-01T15:00:00Z' }) @IsTimestamp() dueAt!: string;
}

export class FollowUpResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) leadId!: string;
  @ApiProperty({ enum: FOLLOW_UP_KINDS }) kind!: FollowUpKind;
  @ApiProperty({ enum: ['open', 'completed', 'cancelled'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time' }) slaDeadline!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty() attempt!: number;
  @ApiProperty({ enum: PRIORITIES }) priority!: Priority;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) overdueAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The attempt’s outcome, when completed.',
  })
  outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: [...RESCHEDULE_REASONS, null] })
  rescheduleReason!: string | null;

  static from(f: FollowUpState): FollowUpResponse {
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return {
      id: f.id,
      leadId: f.leadId,
      kind: f.kind,
      status: f.status,
      dueAt: f.dueAt.toISOString(),
      slaDeadline: f.slaDeadline.toISOString(),
      assigneeId: f.assigneeId,
      attempt: f.attempt,
      priority: f.priority,
      overdueAt: iso(f.overdueAt),
      createdAt: f.createdAt.toISOString(),
      closedAt: iso(f.closedAt),
      outcome: f.outcome,
      cancelReason: f.cancelReason,
      rescheduleReason: f.rescheduleReason,
    };
  }
}

export class FollowUpListResponse {
  @ApiProperty({ type: [FollowUpResponse] }) items!: FollowUpResponse[];
}
