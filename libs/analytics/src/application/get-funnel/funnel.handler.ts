import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { FunnelGroup } from '../../domain/group-keys';
import { share } from '../../domain/percentile';
import { GetFunnelQuery, FunnelRow, Funnel } from './funnel.query';

// Whitelisted column per group: the only text that reaches the SQL.
const COLUMN: Readonly<Record<FunnelGroup, string>> = {
  source: 'source',
  form: 'form_key',
  state: 'state',
  interest: 'interest',
};

/** Leads whose `lead.submitted` falls in the window, by the furthest stage each ever reached. */
@QueryHandler(GetFunnelQuery)
export class GetFunnelHandler implements IQueryHandler<GetFunnelQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ props: { window, groupBy } }: GetFunnelQuery): Promise<Funnel> {
    const column = groupBy ? COLUMN[groupBy] : null;
    // One row per group plus the total (the empty grouping set), or the total alone.
    const [key, isTotal, grouping] = column
      ? [column, `GROUPING(${column}) = 1`, `GROUP BY GROUPING SETS ((${column}), ())`]
      : ['NULL::text', 'true', ''];
    const rows: Array<{
      key: string | null;
      is_total: boolean;
      submitted: number;
      contacted: number;
      consult_scheduled: number;
      converted: number;
    }> = await this.dataSource.query(
      `SELECT ${key} AS key, ${isTotal} AS is_total,
              count(*)::int AS submitted,
              count(*) FILTER (WHERE max_stage >= 1)::int AS contacted,
              count(*) FILTER (WHERE max_stage >= 2)::int AS consult_scheduled,
              count(*) FILTER (WHERE max_stage >= 3)::int AS converted
         FROM analytics.leads
        WHERE submitted_at >= $1 AND submitted_at < $2
        ${grouping}`,
      [window.from, window.to],
    );
    const toRow = (r: (typeof rows)[number]): FunnelRow => ({
      key: r.is_total ? null : r.key,
      submitted: r.submitted,
      contacted: r.contacted,
      consultScheduled: r.consult_scheduled,
      converted: r.converted,
      rates: {
        contacted: share(r.contacted, r.submitted),
        consultScheduled: share(r.consult_scheduled, r.submitted),
        converted: share(r.converted, r.submitted),
      },
    });
    // Aggregates without GROUP BY, and the () grouping set, always yield the total row.
    const total = rows.find((r) => r.is_total)!;
    const groups = groupBy
      ? rows
          .filter((r) => !r.is_total)
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
