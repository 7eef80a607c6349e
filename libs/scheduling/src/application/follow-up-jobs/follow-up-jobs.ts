import { Injectable, Logger } from '@nestjs/common';
import { LeadAutomation, LeadPriority } from '@intake/leads';
import { Clock, loggableError, TransactionRunner } from '@intake/platform';
import { FollowUpRepository } from '../../infrastructure/follow-up.repository';
import { LeadRouter } from '../route-lead/lead-router';
import { FollowUpKind } from '../../domain/follow-up';
import { FollowUpStore } from '../shared/follow-up-store';
import { SchedulingMetrics } from '../shared/scheduling-metrics';

const RAISED: Record<LeadPriority, LeadPriority> = {
  normal: 'high',
  high: 'urgent',
  urgent: 'urgent',
};

/**
 * The worker's follow-up clock: announces follow-ups as they fall due, and escalates those past
 * their SLA deadline. Indexed scans, row locks with SKIP LOCKED: safe with several workers.
 */
@Injectable()
export class FollowUpJobs {
  private readonly logger = new Logger(FollowUpJobs.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly followUps: FollowUpRepository,
    private readonly store: FollowUpStore,
    private readonly automation: LeadAutomation,
    private readonly router: LeadRouter,
    private readonly clock: Clock,
    private readonly metrics: SchedulingMetrics,
  ) {}

  /** `followup.due` for each follow-up whose time has come; returns how many. */
  async announceDue(now: Date = this.clock.now(), batch = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.tx.run(async () => {
        const due = await this.followUps.claimDue(now, batch);
        for (const followUp of due) {
          followUp.markDue(now);
          await this.store.update(followUp);
        }
        return due.length;
      });
      total += n;
      if (n < batch) return total;
    }
  }

  /**
   * Past the SLA deadline: `followup.overdue`, the lead's priority goes up a step, and it goes to
   * someone working now when its owner is away or off shift. Returns how many were escalated.
   */
  async escalateOverdue(now: Date = this.clock.now(), batch = 100): Promise<number> {
    let total = 0;
    for (;;) {
      const candidates = await this.followUps.overdueCandidates(now, batch);
      let escalated = 0;
      for (const candidate of candidates) {
        try {
          const breached = await this.tx.run(() =>
            this.escalate(candidate.leadId, candidate.id, now),
          );
          if (breached) {
            escalated += 1;
            this.metrics.slaBreached(breached);
          }
        } catch (error) {
          // One follow-up that cannot be escalated must not hold back the others.
          this.logger.error(
            { leadId: candidate.leadId, error: loggableError(error) },
            'escalating an overdue follow-up failed',
          );
        }
      }
      total += escalated;
      // Only rows another worker holds are left; they will be done by that worker.
      if (candidates.length < batch || escalated === 0) return total;
    }
  }

  /** The kind of the follow-up marked overdue; null when it was not (any more) to escalate. */
  private async escalate(
    leadId: string,
    followUpId: string,
    now: Date,
  ): Promise<FollowUpKind | null> {
    // The lead first, as every writer does; a lead someone is writing to now is skipped.
    let lead = await this.automation.lock(leadId, { skipLocked: true });
    if (!lead) return null;
    const current = await this.store.findOpenForUpdate(leadId);
    const state = current?.snapshot();
    if (!state || state.id !== followUpId || state.overdueAt || state.slaDeadline > now) {
      return null;
    }
    const l = lead.snapshot();
    if (l.priority !== RAISED[l.priority]) {
      lead = await this.automation.raisePriority(lead, RAISED[l.priority], now);
    }
    const reassigned = await this.router.reassignIfAbsent(lead, now);
    // Reactions to the changes above rewrote the follow-up; take it as it is now.
    const followUp = (await this.store.findOpenForUpdate(leadId))!;
    followUp.markOverdue(reassigned, now);
    await this.store.update(followUp);
    return state.kind;
  }
}
