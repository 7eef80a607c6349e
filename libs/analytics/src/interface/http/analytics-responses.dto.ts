import { ApiProperty } from '@nestjs/swagger';
import { FUNNEL_GROUPS, FunnelGroup } from '../../domain/group-keys';

const SHARE = { type: Number, minimum: 0, maximum: 1 } as const;

export class FunnelRatesResponse {
  @ApiProperty({
    ...SHARE,
    nullable: true,
    description: '`contacted` over `submitted`, 4 decimals; null when nothing was submitted.',
  })
  contacted!: number | null;

  @ApiProperty({
    ...SHARE,
    nullable: true,
    description:
      '`consultScheduled` over `submitted`, 4 decimals; null when nothing was submitted.',
  })
  consultScheduled!: number | null;

  @ApiProperty({
    ...SHARE,
    nullable: true,
    description: '`converted` over `submitted`, 4 decimals; null when nothing was submitted.',
  })
  converted!: number | null;
}

export class FunnelRowResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The group's value (e.g. `google`, `CA`); null on the total row.",
  })
  key!: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Leads submitted in the window.' })
  submitted!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'Of those, leads that ever reached `contacted` or a later status on the main path.',
  })
  contacted!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'Of those, leads that ever reached `consult_scheduled`, `consult_completed` or `converted`.',
  })
  consultScheduled!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Of those, leads that converted.' })
  converted!: number;

  @ApiProperty({ type: () => FunnelRatesResponse, description: 'Each stage over `submitted`.' })
  rates!: FunnelRatesResponse;
}

export class FunnelResponse {
  @ApiProperty({ format: 'date-time', description: 'Start of the window, inclusive (UTC).' })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'End of the window, exclusive (UTC).' })
  to!: string;

  @ApiProperty({
    enum: [...FUNNEL_GROUPS, null],
    nullable: true,
    description: 'The `groupBy` asked for; null when none was.',
  })
  groupBy!: FunnelGroup | null;

  @ApiProperty({
    type: () => [FunnelRowResponse],
    description:
      'One row per value of `groupBy`, most submitted first, then by key; empty without `groupBy`.',
  })
  groups!: FunnelRowResponse[];

  @ApiProperty({
    type: () => FunnelRowResponse,
    description: 'Every lead in the window; `key` is null.',
  })
  total!: FunnelRowResponse;
}

export class TimingResponse {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'Median seconds since submission (nearest rank), over the leads that have one; null when none do.',
  })
  p50Seconds!: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      '90th percentile of the seconds since submission (nearest rank), over the leads that have one; null when none do.',
  })
  p90Seconds!: number | null;

  @ApiProperty({
    ...SHARE,
    nullable: true,
    description:
      'Leads with it within 5 minutes (≤ 300 s) over all `leads`, 4 decimals (never attempted counts as not within); null when `leads` is 0.',
  })
  withinFiveMinutes!: number | null;
}

export class SpeedToLeadRowResponse {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Leads submitted in the window.' })
  leads!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Of those, leads with at least one contact attempt.',
  })
  attempted!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Of those, leads with an attempt whose outcome was `reached`.',
  })
  reached!: number;

  @ApiProperty({
    type: () => TimingResponse,
    description: "The lead's first contact attempt (lowest attempt number).",
  })
  firstAttempt!: TimingResponse;

  @ApiProperty({
    type: () => TimingResponse,
    description: 'Its first attempt with the outcome `reached`.',
  })
  firstReach!: TimingResponse;
}

export class CoordinatorSpeedToLeadResponse extends SpeedToLeadRowResponse {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'For an attempted lead, its owner at its first attempt (the last assignment before it), or null when it had none then, even if assigned later; for a lead never attempted, its current owner, or null.',
  })
  coordinatorId!: string | null;
}

export class CrisisClockResponse {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Crisis pages whose request (with crisis language) came in the window.',
  })
  pages!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Of those, pages acknowledged.' })
  acknowledged!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Of those, pages that escalated past the first person paged.',
  })
  escalated!: number;

  @ApiProperty({
    type: () => TimingResponse,
    description:
      'Seconds from the request to the acknowledgement of its page, 24/7; the share is over all `pages` (unacknowledged counts as not within).',
  })
  toAcknowledge!: TimingResponse;

  @ApiProperty({
    type: () => TimingResponse,
    description:
      "Seconds from the request to the lead's first contact attempt after it, 24/7; the share is over all `pages`.",
  })
  toFirstContact!: TimingResponse;
}

export class SpeedToLeadResponse {
  @ApiProperty({ format: 'date-time', description: 'Start of the window, inclusive (UTC).' })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'End of the window, exclusive (UTC).' })
  to!: string;

  @ApiProperty({
    type: () => SpeedToLeadRowResponse,
    description: 'Every lead submitted in the window.',
  })
  overall!: SpeedToLeadRowResponse;

  @ApiProperty({
    type: () => CrisisClockResponse,
    description:
      'Time to a human for requests with crisis language: a separate clock that never pauses for business hours.',
  })
  crisis!: CrisisClockResponse;

  @ApiProperty({
    type: () => [CoordinatorSpeedToLeadResponse],
    description:
      'The same leads by coordinator: most leads first, then by id; the row without a coordinator last.',
  })
  byCoordinator!: CoordinatorSpeedToLeadResponse[];
}

export class AnalyticsStatsResponse {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Distinct events applied to the projections.',
  })
  projected!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Distinct events of a type this consumer does not know, skipped.',
  })
  skippedUnknownType!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: "Jumps in a lead's `sequence`: events this consumer never saw.",
  })
  sequenceGaps!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Events whose `sequence` was at or below one already seen for their lead.',
  })
  lateEvents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'Records this process sent to the dead-letter topic since it started (not kept across restarts).',
  })
  deadLetteredSinceStart!: number;
}
