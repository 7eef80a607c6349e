import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { KafkaHealth } from '@intake/events';
import { checkDatabase, LivenessController, Public } from '@intake/platform';
import { ReadinessResponse } from './health.responses';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController extends LivenessController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaHealth,
  ) {
    super();
  }

  /**
   * Ready when Postgres answers: a 2xx needs only a commit. Kafka is reported but does not make
   * the API unready, because submissions are accepted into the outbox while the broker is down.
   */
  @Get('ready')
  @ApiOperation({
    operationId: 'ready',
    summary: 'Readiness',
    description:
      'Ready when PostgreSQL answers. Kafka is reported but does not make the API unready: submissions are accepted into the outbox while the broker is down (status `degraded`).',
  })
  @ApiOkResponse({ type: ReadinessResponse, description: 'Ready (`ok` or `degraded`).' })
  @ApiServiceUnavailableResponse({
    type: ReadinessResponse,
    description: 'PostgreSQL unreachable.',
  })
  async ready(@Res() res: Response): Promise<void> {
    const [database, kafka] = await Promise.all([
      checkDatabase(this.dataSource),
      this.kafka.check(),
    ]);
    const checks: ReadinessResponse['checks'] = { database, kafka: kafka ? 'up' : 'down' };
    const status = database === 'up' ? (kafka ? 'ok' : 'degraded') : 'unavailable';
    const body: ReadinessResponse = { status, checks };
    res.status(database === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }
}
