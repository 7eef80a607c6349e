import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@intake/access';
import { ApiErrorResponses, Clock } from '@intake/platform';
import { FunnelQuery } from '../../application/get-funnel/funnel.query';
import { SpeedToLeadQuery } from '../../application/get-speed-to-lead/speed-to-lead.query';
import { ConsumerStatsQuery } from '../../application/get-stats/consumer-stats.query';
import { reportingWindow } from '../../domain/reporting-window';
import { FunnelRequest, WindowRequest } from './analytics.dto';
import {
  AnalyticsStatsResponse,
  FunnelResponse,
  SpeedToLeadResponse,
} from './analytics-responses.dto';

/** Read-only figures from the analytics projections; they name coordinators by id. */
@ApiTags('analytics')
@ApiErrorResponses(401, 403)
@Controller('v1/analytics')
export class AnalyticsHttpController {
  constructor(
    private readonly clock: Clock,
    private readonly funnel: FunnelQuery,
    private readonly speedToLead: SpeedToLeadQuery,
    private readonly stats: ConsumerStatsQuery,
  ) {}

  @Get('funnel')
  @RequirePermission('analytics:read')
  @ApiOperation({
    operationId: 'getFunnel',
    summary: 'Leads submitted in a window, by the furthest funnel stage each ever reached',
    description:
      'A lead counts at every stage up to the furthest it reached: submitted, contacted, consultScheduled, converted. Per group (with `groupBy`) and in total.',
  })
  @ApiOkResponse({ type: FunnelResponse })
  @ApiErrorResponses({
    status: 400,
    description:
      '`REQUEST.INVALID`: a malformed `from` or `to`, `from` not before `to`, an unknown `groupBy` or an unknown parameter.',
  })
  async getFunnel(@Query() query: FunnelRequest): Promise<FunnelResponse> {
    const window = reportingWindow(query, this.clock.now());
    return { ...isoWindow(window), ...(await this.funnel.run(window, query.groupBy ?? null)) };
  }

  @Get('speed-to-lead')
  @RequirePermission('analytics:read')
  @ApiOperation({
    operationId: 'getSpeedToLead',
    summary: 'Time to first contact attempt and first reach, overall and per coordinator',
    description:
      "Over the leads submitted in the window, from each attempt's `secondsSinceSubmission`: p50 and p90 (nearest rank, `percentile_disc`) and the share within 5 minutes.",
  })
  @ApiOkResponse({ type: SpeedToLeadResponse })
  @ApiErrorResponses({
    status: 400,
    description:
      '`REQUEST.INVALID`: a malformed `from` or `to`, `from` not before `to`, or an unknown parameter.',
  })
  async getSpeedToLead(@Query() query: WindowRequest): Promise<SpeedToLeadResponse> {
    const window = reportingWindow(query, this.clock.now());
    return { ...isoWindow(window), ...(await this.speedToLead.run(window)) };
  }

  @Get('stats')
  @RequirePermission('analytics:read')
  @ApiOperation({
    operationId: 'getAnalyticsStats',
    summary: "The consumer's counters: events projected and skipped, sequence gaps, late events",
  })
  // No query: unknown parameters are ignored here, so there is no 400 to document.
  @ApiOkResponse({ type: AnalyticsStatsResponse })
  async getStats(): Promise<AnalyticsStatsResponse> {
    return this.stats.run();
  }
}

function isoWindow(window: { from: Date; to: Date }) {
  return { from: window.from.toISOString(), to: window.to.toISOString() };
}
