import { Query } from '@nestjs/cqrs';
import type { ReportingWindow } from '../../domain/reporting-window';

/** How soon leads submitted in a window were first tried and reached. */
export class GetSpeedToLeadQuery extends Query<SpeedToLead> {
  constructor(
    readonly props: {
      readonly window: ReportingWindow;
    },
  ) {
    super();
  }
}

export interface Timing {
  /** Nearest-rank percentiles of the seconds, over the leads that have one; null when none. */
  p50Seconds: number | null;
  p90Seconds: number | null;
  /** Leads with it within 5 minutes over ALL leads in the window (never attempted = not within). */
  withinFiveMinutes: number | null;
}

export interface SpeedToLeadRow {
  leads: number;
  attempted: number;
  reached: number;
  firstAttempt: Timing;
  firstReach: Timing;
}

/**
 * The crisis clock beside speed to lead: per crisis page whose request came in the window, the
 * seconds to its acknowledgement and to the lead's first contact attempt after the request,
 * counted 24/7 (no business hours).
 */
export interface CrisisClock {
  pages: number;
  acknowledged: number;
  /** Pages that went past the first person. */
  escalated: number;
  toAcknowledge: Timing;
  toFirstContact: Timing;
}

export interface SpeedToLead {
  overall: SpeedToLeadRow;
  crisis: CrisisClock;
  /** `coordinatorId` null: the lead had no owner at its first attempt, or never had one. */
  byCoordinator: Array<SpeedToLeadRow & { coordinatorId: string | null }>;
}
