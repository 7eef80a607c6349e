import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { TimeWindowPageQuery } from '@intake/platform';
import {
  AUDIT_ACTIONS,
  AUDIT_ACTOR_TYPES,
  AUDIT_TARGET_TYPES,
  AuditActorType,
} from '../../domain/admin-audit';
import { AdminAuditRow } from '../../application/admin-audit/admin-audit-row';

export class ListAdminAuditRequest extends TimeWindowPageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The staff member who made the change.' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTOR_TYPES })
  @IsOptional()
  @IsIn(AUDIT_ACTOR_TYPES)
  actorType?: AuditActorType;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: string;

  @ApiPropertyOptional({ enum: AUDIT_TARGET_TYPES })
  @IsOptional()
  @IsIn(AUDIT_TARGET_TYPES)
  targetType?: string;

  @ApiPropertyOptional({ description: 'A staff, key, pool or away period id, or a form key.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  targetId?: string;
}

export class AdminAuditActorResponse {
  @ApiProperty({ enum: AUDIT_ACTOR_TYPES, description: 'staff: an OIDC token.' })
  type!: AuditActorType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the CLI.' })
  staffId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The CLI's operator (--actor, else the OS user); null for staff.",
  })
  label!: string | null;
}

export class AdminAuditEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: AdminAuditActorResponse }) actor!: AdminAuditActorResponse;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: string;
  @ApiProperty({ enum: AUDIT_TARGET_TYPES }) targetType!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null for the clinic’s scheduling settings and routing rule list.',
  })
  targetId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The target before the change (null when created); secrets read `[redacted]`.',
  })
  before!: object | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The target after the change (null when deleted); secrets read `[redacted]`.',
  })
  after!: object | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The server's X-Request-Id of the change (the CLI: one id per run).",
  })
  requestId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The client's own well-formed X-Request-Id, if it sent one.",
  })
  clientRequestId!: string | null;

  static from(row: AdminAuditRow): AdminAuditEntryResponse {
    return {
      id: row.id,
      at: row.at.toISOString(),
      actor: { type: row.actorType, staffId: row.actorId, label: row.actorLabel },
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      before: row.before,
      after: row.after,
      requestId: row.requestId,
      clientRequestId: row.clientRequestId,
    };
  }
}

export class AdminAuditPageResponse {
  @ApiProperty({ type: [AdminAuditEntryResponse] }) items!: AdminAuditEntryResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
