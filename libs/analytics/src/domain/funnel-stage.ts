/**
 * The funnel's stages in order. A lead is counted at every stage up to the furthest one it ever
 * reached, so a lead that converted also counts as contacted and consult-scheduled.
 */
export const FUNNEL_STAGES = ['submitted', 'contacted', 'consultScheduled', 'converted'] as const;

export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** 0 = submitted only … 3 = converted. Stored per lead as the highest rank ever seen. */
export type StageRank = 0 | 1 | 2 | 3;

// Main-path statuses only: exits (disqualified, unresponsive, lost) and the early working
// statuses (new, attempting_contact) reach no stage beyond submitted.
const RANK_OF_STATUS: Readonly<Record<string, StageRank>> = {
  contacted: 1,
  consult_scheduled: 2,
  consult_completed: 2,
  converted: 3,
};

/** The funnel stage a lead status means; unknown statuses (a future one) count as submitted. */
export function stageRankOf(status: string): StageRank {
  return RANK_OF_STATUS[status] ?? 0;
}
