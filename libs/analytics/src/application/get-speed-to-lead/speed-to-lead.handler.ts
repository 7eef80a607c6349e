import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { share } from '../../domain/percentile';
import { AnalyticsReadModel, SpeedToLeadFigures } from '../analytics-read-model';
import { GetSpeedToLeadQuery, SpeedToLeadRow, SpeedToLead } from './speed-to-lead.query';

/** 5 minutes: the share of leads attempted (or reached) within it is the headline figure. */
export const WITHIN_SECONDS = 300;

/** Time to first attempt and first reach, overall and per coordinator; the crisis clock. */
@QueryHandler(GetSpeedToLeadQuery)
export class GetSpeedToLeadHandler implements IQueryHandler<GetSpeedToLeadQuery> {
  constructor(private readonly readModel: AnalyticsReadModel) {}

  async execute({ props: { window } }: GetSpeedToLeadQuery): Promise<SpeedToLead> {
    const rows = await this.readModel.speedToLead(window, WITHIN_SECONDS);
    const total = rows.find((r) => r.isTotal)!;
    const c = await this.readModel.crisisClock(window, WITHIN_SECONDS);
    return {
      overall: toRow(total),
      crisis: {
        pages: c.pages,
        acknowledged: c.acknowledged,
        escalated: c.escalated,
        toAcknowledge: {
          p50Seconds: c.ackP50,
          p90Seconds: c.ackP90,
          withinFiveMinutes: share(c.ackWithin, c.pages),
        },
        toFirstContact: {
          p50Seconds: c.contactP50,
          p90Seconds: c.contactP90,
          withinFiveMinutes: share(c.contactWithin, c.pages),
        },
      },
      byCoordinator: rows
        .filter((r) => !r.isTotal)
        .map((r) => ({ coordinatorId: r.coordinatorId, ...toRow(r) }))
        // Busiest first; the unassigned row last.
        .sort(
          (a, b) =>
            Number(a.coordinatorId === null) - Number(b.coordinatorId === null) ||
            b.leads - a.leads ||
            (a.coordinatorId ?? '').localeCompare(b.coordinatorId ?? ''),
        ),
    };
  }
}

function toRow(r: SpeedToLeadFigures): SpeedToLeadRow {
  return {
    leads: r.leads,
    attempted: r.attempted,
    reached: r.reached,
    firstAttempt: {
      p50Seconds: r.attemptP50,
      p90Seconds: r.attemptP90,
      withinFiveMinutes: share(r.attemptWithin, r.leads),
    },
    firstReach: {
      p50Seconds: r.reachP50,
      p90Seconds: r.reachP90,
      withinFiveMinutes: share(r.reachWithin, r.leads),
    },
  };
}
