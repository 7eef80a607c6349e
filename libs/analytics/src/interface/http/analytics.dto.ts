import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsTimestamp } from '@intake/platform';
import { FUNNEL_GROUPS, FunnelGroup } from '../../domain/group-keys';

/** `[from, to)` over `lead.submitted`'s `submittedAt`; defaults: the 30 days up to now. */
export class WindowRequest {
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Leads submitted at or after this time (RFC 3339). Default: 30 days before `to`. Must be before `to`.',
    example: '2026-03-02T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Leads submitted before this time (RFC 3339), exclusive. Default: now.',
    example: '2026-03-03T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}

export class FunnelRequest extends WindowRequest {
  @ApiPropertyOptional({
    enum: FUNNEL_GROUPS,
    description:
      "Split the funnel by a dimension fixed at submission: `source` (the first touch's `utm_source`, lower-cased, or `direct`), `form` (the form key), `state` or `interest` (`unknown` when missing). Absent: the total only.",
  })
  @IsOptional()
  @IsIn(FUNNEL_GROUPS)
  groupBy?: FunnelGroup;
}
