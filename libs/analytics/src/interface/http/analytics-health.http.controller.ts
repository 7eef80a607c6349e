import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@intake/platform';
import { ConsumerLag } from '../../infrastructure/kafka/consumer-lag';
import { LeadEventsConsumer } from '../../infrastructure/kafka/lead-events-consumer';

/**
 * Liveness and readiness of the analytics service. Ready when Postgres answers (the figures are
 * served from it); a stopped consumer or an unreachable broker makes it `degraded`, with the
 * lag telling how far behind the figures are.
 */
@Public()
@Controller('health')
export class AnalyticsHealthHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: LeadEventsConsumer,
    private readonly lag: ConsumerLag,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const [database, lag] = await Promise.all([this.database(), this.lag.report()]);
    const { running, topic, groupId } = this.consumer.status();
    const status =
      database === 'down' ? 'unavailable' : running && lag !== null ? 'ok' : 'degraded';
    res.status(database === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status,
      checks: {
        database,
        kafka: lag === null ? 'down' : 'up',
        consumer: { running, topic, groupId, lag },
      },
    });
  }

  private async database(): Promise<'up' | 'down'> {
    try {
      await this.dataSource.query('SELECT 1');
      return 'up';
    } catch {
      return 'down';
    }
  }
}
