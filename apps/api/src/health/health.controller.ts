import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { KafkaHealth } from '@intake/events';

type Check = 'up' | 'down';

@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaHealth,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /**
   * Ready when Postgres answers: a 2xx needs only a commit. Kafka is reported but does not make
   * the API unready, because submissions are accepted into the outbox while the broker is down.
   */
  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const [database, kafka] = await Promise.all([this.database(), this.kafka.check()]);
    const checks: Record<string, Check> = { database, kafka: kafka ? 'up' : 'down' };
    const status = database === 'up' ? (kafka ? 'ok' : 'degraded') : 'unavailable';
    res
      .status(database === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status, checks });
  }

  private async database(): Promise<Check> {
    try {
      await this.dataSource.query('SELECT 1');
      return 'up';
    } catch {
      return 'down';
    }
  }
}
