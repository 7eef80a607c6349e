import { Query } from '@nestjs/cqrs';
import type { FunnelGroup } from '../../domain/group-keys';
import type { ReportingWindow } from '../../domain/reporting-window';

/** Leads by the furthest stage each reached, in a window, by a group or in total. */
export class GetFunnelQuery extends Query<Funnel> {
  constructor(
    readonly props: {
      readonly window: ReportingWindow;
      readonly groupBy: FunnelGroup | null;
    },
  ) {
    super();
  }
}

export interface FunnelRow {
  /** The group's key; null on the total row. */
  key: string | null;
  submitted: number;
  contacted: number;
  consultScheduled: number;
  converted: number;
  /** Each stage as a share of `submitted` (4 decimals); null when nothing was submitted. */
  rates: { contacted: number | null; consultScheduled: number | null; converted: number | null };
}

export interface Funnel {
  groupBy: FunnelGroup | null;
  groups: FunnelRow[];
  total: FunnelRow;
}
