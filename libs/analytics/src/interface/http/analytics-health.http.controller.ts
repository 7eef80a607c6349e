import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { checkDatabase, LivenessController, Public } from '@intake/platform';
import { ConsumerHealthQuery } from '../../application/get-consumer-health/consumer-health.query';
import { ReadinessResponse } from './analytics-health.responses';

/**
 * Liveness and readiness of the analytics service. Ready when Postgres answers (the figures are
 * served from it); a stopped consumer or an unreachable broker makes it `degraded`, with the
 * lag telling how far behind the figures are.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class AnalyticsHealthHttpController extends LivenessController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumerHealth: ConsumerHealthQuery,
  ) {
    super();
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'ready',
    summary: 'Readiness, with the consumer and its lag',
    description:
      'Ready when PostgreSQL answers: the figures are read from it. A consumer that is not running, or a broker that does not answer, makes it `degraded` but still ready; the lag tells how far behind the figures are.',
  })
  @ApiOkResponse({ type: ReadinessResponse, description: 'Ready (`ok` or `degraded`).' })
  @ApiServiceUnavailableResponse({
    type: ReadinessResponse,
    description: 'PostgreSQL unreachable (`unavailable`).',
  })
  async ready(@Res() res: Response): Promise<void> {
    const [database, consumer] = await Promise.all([
      checkDatabase(this.dataSource),
      this.consumerHealth.run(),
    ]);
    const status =
      database === 'down'
        ? 'unavailable'
        : consumer.running && consumer.lag !== null
          ? 'ok'
          : 'degraded';
    const body: ReadinessResponse = {
      status,
      checks: {
        database,
        kafka: consumer.lag === null ? 'down' : 'up',
        consumer,
      },
    };
    res.status(database === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }
}
