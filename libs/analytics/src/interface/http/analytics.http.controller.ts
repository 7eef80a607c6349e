import { Controller, Get, Query } from '@nestjs/common';
import { RequirePermission } from '@intake/access';
import { Clock } from '@intake/platform';
import { FunnelQuery } from '../../application/get-funnel/funnel.query';
import { SpeedToLeadQuery } from '../../application/get-speed-to-lead/speed-to-lead.query';
import { ConsumerStatsQuery } from '../../application/get-stats/consumer-stats.query';
import { reportingWindow } from '../../domain/reporting-window';
import { LeadEventsConsumer } from '../../infrastructure/kafka/lead-events-consumer';
import { FunnelRequest, WindowRequest } from './analytics.dto';

/** Read-only figures from the analytics projections; they name coordinators by id. */
@Controller('v1/analytics')
export class AnalyticsHttpController {
  constructor(
    private readonly clock: Clock,
    private readonly funnel: FunnelQuery,
    private readonly speedToLead: SpeedToLeadQuery,
    private readonly stats: ConsumerStatsQuery,
    private readonly consumer: LeadEventsConsumer,
  ) {}

  @Get('funnel')
  @RequirePermission('analytics:read')
  async getFunnel(@Query() query: FunnelRequest) {
    const window = reportingWindow(query, this.clock.now());
    return { ...isoWindow(window), ...(await this.funnel.run(window, query.groupBy ?? null)) };
  }

  @Get('speed-to-lead')
  @RequirePermission('analytics:read')
  async getSpeedToLead(@Query() query: WindowRequest) {
    const window = reportingWindow(query, this.clock.now());
    return { ...isoWindow(window), ...(await this.speedToLead.run(window)) };
  }

  @Get('stats')
  @RequirePermission('analytics:read')
  async getStats() {
    const { deadLettered } = this.consumer.status();
    return { ...(await this.stats.run()), deadLetteredSinceStart: deadLettered };
  }
}

function isoWindow(window: { from: Date; to: Date }) {
  return { from: window.from.toISOString(), to: window.to.toISOString() };
}
