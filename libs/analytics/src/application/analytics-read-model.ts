import type { FunnelGroup } from '../domain/group-keys';
import type { ReportingWindow } from '../domain/reporting-window';

/** One funnel row: a group's counts, or the total's (`isTotal`). */
export interface FunnelCounts {
  key: string | null;
  isTotal: boolean;
  submitted: number;
  contacted: number;
  consultScheduled: number;
  converted: number;
}

/** One speed-to-lead row: a coordinator's figures, or the total's (`isTotal`), in seconds. */
export interface SpeedToLeadFigures {
  coordinatorId: string | null;
  isTotal: boolean;
  leads: number;
  attempted: number;
  reached: number;
  attemptP50: number | null;
  attemptP90: number | null;
  attemptWithin: number;
  reachP50: number | null;
  reachP90: number | null;
  reachWithin: number;
}

/** The crisis clock's figures over the pages of a window, in seconds. */
export interface CrisisClockFigures {
  pages: number;
  acknowledged: number;
  escalated: number;
  ackP50: number | null;
  ackP90: number | null;
  ackWithin: number;
  contactP50: number | null;
  contactP90: number | null;
  contactWithin: number;
}

/** What the consumer has stored: events projected and skipped, sequence gaps and late events. */
export interface ProjectionCounts {
  projected: number;
  skippedUnknownType: number;
  sequenceGaps: number;
  lateEvents: number;
}

/** The analytics schema's read side: the reports' aggregates, computed in the database. */
export abstract class AnalyticsReadModel {
  /** Leads whose `lead.submitted` falls in the window by the furthest stage each reached. */
  abstract funnel(window: ReportingWindow, groupBy: FunnelGroup | null): Promise<FunnelCounts[]>;

  /** `withinSeconds`: the threshold the `…Within` counts use. */
  abstract speedToLead(
    window: ReportingWindow,
    withinSeconds: number,
  ): Promise<SpeedToLeadFigures[]>;

  abstract crisisClock(window: ReportingWindow, withinSeconds: number): Promise<CrisisClockFigures>;

  abstract projectionCounts(): Promise<ProjectionCounts>;
}
