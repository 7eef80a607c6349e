import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Check, CHECK_STATES } from '@intake/platform';

export const READINESS_STATES = ['ok', 'degraded', 'unavailable'] as const;
export type Readiness = (typeof READINESS_STATES)[number];

@ApiSchema({ name: 'PartitionLag' })
export class PartitionLagResponse {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'The partition number.' })
  partition!: number;

  @ApiProperty({
    description: "The partition's high watermark: the offset the next record will get (int64).",
    example: '42',
  })
  highWatermark!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The group's committed offset: the next record it will read (int64); null before its first commit on the partition.",
    example: '40',
  })
  committed!: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'Records not yet committed: high watermark minus the committed offset, or minus the low watermark before the first commit.',
  })
  lag!: number;
}

@ApiSchema({ name: 'ConsumerLag' })
export class ConsumerLagResponse {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Lag summed over the partitions.' })
  total!: number;

  @ApiProperty({
    type: () => [PartitionLagResponse],
    description: 'One entry per partition of the topic, by partition number.',
  })
  partitions!: PartitionLagResponse[];
}

@ApiSchema({ name: 'ConsumerCheck' })
export class ConsumerCheckResponse {
  @ApiProperty({
    description: 'Joined to its group and consuming; false while it joins, or once stopped.',
  })
  running!: boolean;

  @ApiProperty({ description: 'The lead events topic it reads.' })
  topic!: string;

  @ApiProperty({ description: 'Its Kafka consumer group.' })
  groupId!: string;

  @ApiProperty({
    type: () => ConsumerLagResponse,
    nullable: true,
    description: 'How far behind the figures are; null when the broker did not answer within 3 s.',
  })
  lag!: ConsumerLagResponse | null;
}

@ApiSchema({ name: 'ReadinessChecks' })
export class ReadinessChecksResponse {
  @ApiProperty({ enum: CHECK_STATES, description: 'PostgreSQL, where the figures are read.' })
  database!: Check;

  @ApiProperty({ enum: CHECK_STATES, description: 'Whether the broker answered the lag query.' })
  kafka!: Check;

  @ApiProperty({ type: () => ConsumerCheckResponse, description: 'The consumer group.' })
  consumer!: ConsumerCheckResponse;
}

@ApiSchema({ name: 'Readiness' })
export class ReadinessResponse {
  @ApiProperty({
    enum: READINESS_STATES,
    description:
      '`ok`: PostgreSQL answers, the consumer runs and its lag is known. `degraded`: PostgreSQL answers but the consumer is not running or the broker does not answer. `unavailable`: PostgreSQL does not answer.',
  })
  status!: Readiness;

  @ApiProperty({ type: () => ReadinessChecksResponse, description: 'Each dependency.' })
  checks!: ReadinessChecksResponse;
}
