import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { share } from '../../domain/percentile';
import { AnalyticsReadModel, FunnelCounts } from '../analytics-read-model';
import { GetFunnelQuery, FunnelRow, Funnel } from './funnel.query';

/** Leads whose `lead.submitted` falls in the window, by the furthest stage each ever reached. */
@QueryHandler(GetFunnelQuery)
export class GetFunnelHandler implements IQueryHandler<GetFunnelQuery> {
  constructor(private readonly readModel: AnalyticsReadModel) {}

  async execute({ props: { window, groupBy } }: GetFunnelQuery): Promise<Funnel> {
    const rows = await this.readModel.funnel(window, groupBy);
    const toRow = (r: FunnelCounts): FunnelRow => ({
      key: r.isTotal ? null : r.key,
      submitted: r.submitted,
      contacted: r.contacted,
      consultScheduled: r.consultScheduled,
      converted: r.converted,
      rates: {
        contacted: share(r.contacted, r.submitted),
        consultScheduled: share(r.consultScheduled, r.submitted),
        converted: share(r.converted, r.submitted),
      },
    });
    // Aggregates without GROUP BY, and the () grouping set, always yield the total row.
    const total = rows.find((r) => r.isTotal)!;
    const groups = groupBy
      ? rows
          .filter((r) => !r.isTotal)
          .map(toRow)
          .sort((a, b) => b.submitted - a.submitted || (a.key ?? '').localeCompare(b.key ?? ''))
      : [];
    return {
      groupBy,
      groups,
      total: toRow(total),
    };
  }
}
