import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { PageLimit } from '@intake/platform';
import { LeadResponse } from '@intake/leads';
import { LEAD_CHANGE_KINDS, LeadChangeKind } from '../../application/watch-queue/lead-change';
import { QueuePage } from '../../application/get-queue/get-queue.query';
import { FollowUpResponse } from './follow-ups.dto';

/** Who a queue's follow-up is for: the lead as the leads API shows it, without contact details. */
export class QueueLeadResponse extends PickType(LeadResponse, [
  'id',
  'firstName',
  'lastName',
  'interest',
  'state',
  'timeZone',
  'crisisFlag',
  'status',
  'version',
] as const) {}

export class QueueItemResponse extends FollowUpResponse {
  @ApiProperty({ description: 'Past its SLA deadline.' }) overdue!: boolean;
  @ApiProperty({
    type: QueueLeadResponse,
    description:
      'Who the follow-up is for: name, interest and state, no contact details. The read is recorded in the access log (`leads.listed`).',
  })
  lead!: QueueLeadResponse;
}

export class QueueResponse {
  @ApiProperty({
    format: 'date-time',
    description: 'The time overdue was judged at (for later pages: the first page’s).',
  })
  now!: string;
  @ApiProperty({ description: 'Open follow-ups in the whole queue, not only this page.' })
  total!: number;
  @ApiProperty({
    type: [QueueItemResponse],
    description: 'Overdue first, then by priority, then by due time.',
  })
  items!: QueueItemResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  nextCursor!: string | null;

  static from(q: QueuePage, nextCursor: string | null): QueueResponse {
    return {
      now: q.now.toISOString(),
      total: q.total,
      items: q.items.map((i) => ({
        ...FollowUpResponse.from(i),
        overdue: i.overdue,
        lead: i.lead,
      })),
      nextCursor,
    };
  }
}

export class QueueRequest {
  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page.' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

/**
 * The `data` of a queue stream's `lead` event: ids, the lead's version and the kind of change,
 * never a name, contact or text. Refetch the queue (and the lead, if it is open) on receipt.
 */
export class LeadChangeEventData {
  @ApiProperty({ format: 'uuid' }) leadId!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The lead’s owner after the change; for a follow-up change, its assignee.',
  })
  ownerId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The owner (or assignee) before the change, when the change moved it; else null.',
  })
  previousOwnerId!: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The lead’s version after the change (for `If-Match`).',
  })
  version!: number | null;
  @ApiProperty({ enum: LEAD_CHANGE_KINDS })
  kind!: LeadChangeKind;
}
