import { ApiProperty } from '@nestjs/swagger';
import type { AccessLogView } from '../../application/get-lead/get-lead.query';
import { iso } from './iso-time';

export class AccessLogEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({
    enum: [
      'lead.viewed',
      'leads.listed',
      'lead.notes_listed',
      'lead.consents_listed',
      'lead.changed',
    ],
    description: 'lead.changed: a write, whose response shows the lead.',
  })
  action!: string;
  @ApiProperty({ type: [String], description: 'Every lead whose personal data the read returned.' })
  leadIds!: string[];
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;

  static from(row: AccessLogView): AccessLogEntryResponse {
    return {
      id: row.id,
      actorId: row.actorId,
      actorRole: row.actorRole,
      action: row.action,
      leadIds: row.leadIds,
      requestId: row.requestId,
      occurredAt: iso(row.occurredAt)!,
    };
  }
}

export class AccessLogPageResponse {
  @ApiProperty({ type: [AccessLogEntryResponse] }) items!: AccessLogEntryResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
