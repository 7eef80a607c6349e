import { Injectable } from '@nestjs/common';
import { LeadAutomation, LeadEvent, LeadState, OPEN_STATUSES, TRANSITIONS } from '@intake/leads';
import { IdGenerator } from '@intake/platform';
import { FollowUp, FollowUpKind, ScheduleCause } from '../../domain/follow-up';
import { nextCadenceDue, SchedulingSettings, slaDeadline } from '../../domain/scheduling-settings';
import { timeZoneOfState } from '../../domain/state-time-zones';
import { SettingsRepository } from '../../infrastructure/settings.repository';
import { FollowUpStore } from './follow-up-store';

type AttemptEvent = Extract<LeadEvent, { kind: 'contact_attempted' }>;

/**
 * Keeps each open lead's one follow-up in step with what happens to it: created at assignment,
 * completed by an attempt, followed by the next per the cadence, cancelled when the lead closes.
 * Runs in the transaction of the lead change that causes it.
 */
@Injectable()
export class FollowUpPlanner {
  constructor(
    private readonly store: FollowUpStore,
    private readonly settings: SettingsRepository,
    private readonly automation: LeadAutomation,
    private readonly ids: IdGenerator,
  ) {}

  /** The lead has an owner: their open follow-up moves to them, or the first one is created. */
  async afterAssignment(lead: Readonly<LeadState>, at: Date, cause: ScheduleCause) {
    const open = await this.store.findOpenForUpdate(lead.id);
    if (open) {
      open.reassign(lead.ownerId);
      await this.store.update(open);
      return;
    }
    const settings = await this.settings.get();
    const neverTried = lead.contactAttemptCount === 0;
    // The first-contact promise runs from the request; a reopened lead's from now.
    const from = neverTried && cause === 'assignment' ? lead.createdAt : at;
    const kind = neverTried ? 'first_contact' : 'retry';
    await this.schedule(lead, kind, at, 1, cause, settings, at, from);
  }

  async afterAttempt(event: AttemptEvent): Promise<void> {
    const { attempt, lead, at } = event;
    const open = await this.store.findOpenForUpdate(lead.id);
    if (open) {
      open.complete(attempt.id, attempt.outcome, at);
      await this.store.update(open);
    }
    if (!OPEN_STATUSES.includes(event.statusAfter)) return;
    const settings = await this.settings.get();
    const number = open?.snapshot().attempt ?? 1;
    if (attempt.callbackAt) {
      const next = attempt.outcome === 'reached' ? 1 : number + 1;
      await this.schedule(lead, 'callback', attempt.callbackAt, next, 'callback', settings, at);
      return;
    }
    // Reached: the coordinator takes it from here; the cadence is for people not yet reached.
    if (attempt.outcome === 'reached') return;
    const zone = timeZoneOfState(lead.profile.state, settings.timeZone);
    const due = nextCadenceDue(settings, number, at, zone);
    if (due) {
      await this.schedule(lead, 'retry', due, number + 1, 'cadence', settings, at);
    } else if (TRANSITIONS[event.statusAfter].includes('unresponsive')) {
      // The cadence is used up: the lead closes as unresponsive (and can be reopened).
      const locked = await this.automation.lock(lead.id);
      if (locked?.isOpen) {
        await this.automation.change(locked, (l) =>
          l.transitionTo('unresponsive', null, { actorId: null, at }),
        );
      }
    }
  }

  async afterClose(leadId: string, at: Date): Promise<void> {
    const open = await this.store.findOpenForUpdate(leadId);
    if (!open) return;
    open.cancel('lead_closed', at);
    await this.store.update(open);
  }

  /** Keeps the queue order in step; a first contact's deadline tightens with the priority. */
  async afterPriorityChange(lead: Readonly<LeadState>): Promise<void> {
    const open = await this.store.findOpenForUpdate(lead.id);
    if (!open) return;
    const settings = await this.settings.get();
    open.reprioritize(lead.priority, slaDeadline(settings, lead.priority, lead.createdAt));
    await this.store.update(open);
  }

  /** Replaces the open follow-up (if any) with one set by hand. */
  async scheduleByHand(
    lead: Readonly<LeadState>,
    kind: FollowUpKind,
    dueAt: Date,
    at: Date,
  ): Promise<FollowUp> {
    const settings = await this.settings.get();
    const open = await this.store.findOpenForUpdate(lead.id);
    if (open) {
      open.cancel('replaced', at);
      await this.store.update(open);
    }
    const attempt = open?.snapshot().attempt ?? 1;
    return this.schedule(lead, kind, dueAt, attempt, 'manual', settings, at);
  }

  private async schedule(
    lead: Readonly<LeadState>,
    kind: FollowUpKind,
    dueAt: Date,
    attempt: number,
    cause: ScheduleCause,
    settings: SchedulingSettings,
    at: Date,
    slaFrom: Date = dueAt,
  ): Promise<FollowUp> {
    const followUp = FollowUp.schedule(
      {
        id: this.ids.next(),
        leadId: lead.id,
        kind,
        dueAt,
        slaDeadline: slaDeadline(settings, lead.priority, slaFrom),
        assigneeId: lead.ownerId,
        attempt,
        priority: lead.priority,
      },
      cause,
      at,
    );
    await this.store.insert(followUp);
    return followUp;
  }
}
