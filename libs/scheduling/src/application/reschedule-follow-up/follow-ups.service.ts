import { Injectable } from '@nestjs/common';
import { Actor, ForbiddenError } from '@intake/access';
import { Lead, LeadAutomation, LeadClosedError, LeadNotFoundError } from '@intake/leads';
import { Clock, TransactionRunner } from '@intake/platform';
import { FollowUpKind, FollowUpState, RescheduleReason } from '../../domain/follow-up';
import { NoOpenFollowUpError, SchedulingInvalidError } from '../../domain/scheduling-errors';
import { slaDeadline } from '../../domain/scheduling-settings';
import { FollowUpRepository } from '../../infrastructure/follow-up.repository';
import { SettingsRepository } from '../../infrastructure/settings.repository';
import { FollowUpPlanner } from '../shared/follow-up-planner';
import { FollowUpStore } from '../shared/follow-up-store';

/** Follow-ups set by hand: snooze or move the open one, or put a callback or reminder in its place. */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly automation: LeadAutomation,
    private readonly store: FollowUpStore,
    private readonly followUps: FollowUpRepository,
    private readonly planner: FollowUpPlanner,
    private readonly settings: SettingsRepository,
    private readonly clock: Clock,
  ) {}

  async reschedule(
    leadId: string,
    input: { dueAt: Date; reason: RescheduleReason },
    actor: Actor,
  ): Promise<FollowUpState> {
    return this.tx.run(async () => {
      const now = this.clock.now();
      const lead = await this.lockWritable(leadId, actor);
      this.requireFuture(input.dueAt, now);
      const followUp = await this.store.findOpenForUpdate(leadId);
      if (!followUp) throw new NoOpenFollowUpError(leadId);
      const settings = await this.settings.get();
      const deadline = slaDeadline(settings, lead.snapshot().priority, input.dueAt);
      followUp.reschedule(input.dueAt, deadline, input.reason, now);
      await this.store.update(followUp);
      return followUp.snapshot();
    });
  }

  async schedule(
    leadId: string,
    input: { kind: Extract<FollowUpKind, 'callback' | 'consult_reminder'>; dueAt: Date },
    actor: Actor,
  ): Promise<FollowUpState> {
    return this.tx.run(async () => {
      const now = this.clock.now();
      const lead = await this.lockWritable(leadId, actor);
      if (!lead.isOpen) throw new LeadClosedError(lead.snapshot().status);
      this.requireFuture(input.dueAt, now);
      const followUp = await this.planner.scheduleByHand(
        lead.snapshot(),
        input.kind,
        input.dueAt,
        now,
      );
      return followUp.snapshot();
    });
  }

  /** Newest first. */
  async listForLead(leadId: string): Promise<FollowUpState[]> {
    if (!(await this.automation.find(leadId))) throw new LeadNotFoundError(leadId);
    return this.followUps.listForLead(leadId);
  }

  private async lockWritable(leadId: string, actor: Actor): Promise<Lead> {
    const lead = await this.automation.lock(leadId);
    if (!lead) throw new LeadNotFoundError(leadId);
    if (!actor.canWriteLeadOwnedBy(lead.ownerId)) {
      throw new ForbiddenError('Coordinators change only leads they own or unassigned ones.');
    }
    return lead;
  }

  private requireFuture(dueAt: Date, now: Date): void {
    if (dueAt.getTime() <= now.getTime()) {
      throw new SchedulingInvalidError([{ field: 'dueAt', message: 'must be in the future' }]);
    }
  }
}
