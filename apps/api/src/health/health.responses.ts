import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Check, CHECK_STATES } from '@intake/platform';

@ApiSchema({ name: 'ReadinessChecks' })
export class ReadinessChecks {
  @ApiProperty({ enum: CHECK_STATES })
  database!: Check;

  @ApiProperty({ enum: CHECK_STATES })
  kafka!: Check;
}

@ApiSchema({ name: 'Readiness' })
export class ReadinessResponse {
  @ApiProperty({
    enum: ['ok', 'degraded', 'unavailable'],
    description: '`degraded`: PostgreSQL answers but Kafka does not.',
  })
  status!: 'ok' | 'degraded' | 'unavailable';

  @ApiProperty({ type: () => ReadinessChecks })
  checks!: ReadinessChecks;
}
