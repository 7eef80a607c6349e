import { Injectable } from '@nestjs/common';
import {
  LeadAutomation,
  LeadEvent,
  LeadState,
  LeadStatus,
  OPEN_STATUSES,
  timeZoneOfState,
} from '@intake/leads';
import { IdGenerator } from '@intake/platform';
import { FollowUp, FollowUpKind, ScheduleCause } from '../../domain/follow-up';
import { nextCadenceDue, SchedulingSettings, slaDeadline } from '../../domain/scheduling-settings';
import { SettingsRepository } from '../../infrastructure/settings.repository';
import { FollowUpStore } from '../save-follow-ups/follow-up-store';

type AttemptEvent = Extract<LeadEvent, { kind: 'contact_attempted' }>;

/** Where the calls to reach a person run: they have not been reached yet. */
const NOT_YET_REACHED: readonly LeadStatus[] = ['new', 'attempting_contact'];

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

  /**
   * The lead has an owner: their open follow-up moves to them, or, for a person not yet reached,
   * the first one is created. Its SLA runs from the request while the lead is new, else from now.
   */
  async afterAssignment(
    lead: Readonly<LeadState>,
    at: Date,
    cause: ScheduleCause,
    slaFrom: Date = lead.status === 'new' ? lead.createdAt : at,
  ): Promise<void> {
    const open = await this.store.findOpenForUpdate(lead.id);
    if (open) {
      open.reassign(lead.ownerId, at);
      await this.store.update(open);
      return;
    }
    if (!NOT_YET_REACHED.includes(lead.status)) return;
    const settings = await this.settings.get();
    const kind = lead.contactAttemptCount === 0 ? 'first_contact' : 'retry';
    await this.schedule(lead, kind, at, 1, cause, settings, at, slaFrom);
  }

  /**
   * `afterAssignment` for many leads assigned at once (`slaFrom` as it defaults there): the open
   * follow-ups read and the first ones written in one statement each.
   */
  async afterAssignments(
    leads: readonly Readonly<LeadState>[],
    at: Date,
    cause: ScheduleCause,
  ): Promise<void> {
    if (leads.length === 1) return this.afterAssignment(leads[0], at, cause);
    const open = await this.store.findOpenForUpdateMany(leads.map((l) => l.id));
    for (const followUp of open.values()) {
      const lead = leads.find((l) => l.id === followUp.snapshot().leadId)!;
      followUp.reassign(lead.ownerId, at);
      await this.store.update(followUp);
    }
    const first = leads.filter((l) => !open.has(l.id) && NOT_YET_REACHED.includes(l.status));
    if (first.length === 0) return;
    const settings = await this.settings.get();
    await this.store.insertMany(
      first.map((lead) =>
        this.followUp(
          lead,
          lead.contactAttemptCount === 0 ? 'first_contact' : 'retry',
          at,
          1,
          cause,
          settings,
          at,
          lead.status === 'new' ? lead.createdAt : at,
        ),
      ),
    );
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
    // The cadence is for people not yet reached; once reached, the coordinator sets what follows.
    if (!NOT_YET_REACHED.includes(event.statusAfter) || lead.firstReachedAt !== null) return;
    const zone = timeZoneOfState(lead.profile.state, settings.timeZone);
    const due = nextCadenceDue(settings, number, at, zone);
    if (due) {
      await this.schedule(lead, 'retry', due, number + 1, 'cadence', settings, at);
      return;
    }
    // The cadence is used up: the lead closes as unresponsive (and can be reopened).
    const locked = await this.automation.lock(lead.id);
    if (locked?.isOpen) {
      await this.automation.closeAsUnresponsive(locked, at);
    }
  }

  /** The person was reached without an attempt recorded: the calls to reach them stop. */
  async afterReached(leadId: string, at: Date): Promise<void> {
    const open = await this.store.findOpenForUpdate(leadId);
    if (!open || !['first_contact', 'retry'].includes(open.snapshot().kind)) return;
    open.cancel('reached', at);
    await this.store.update(open);
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
    // Measured as it was set: from the request for a new lead, else from when it was scheduled.
    const from = lead.status === 'new' ? lead.createdAt : open.snapshot().createdAt;
    open.reprioritize(lead.priority, slaDeadline(settings, lead.priority, from));
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
    const followUp = this.followUp(lead, kind, dueAt, attempt, cause, settings, at, slaFrom);
    await this.store.insert(followUp);
    return followUp;
  }

  private followUp(
    lead: Readonly<LeadState>,
    kind: FollowUpKind,
    dueAt: Date,
    attempt: number,
    cause: ScheduleCause,
    settings: SchedulingSettings,
    at: Date,
    slaFrom: Date,
  ): FollowUp {
    return FollowUp.schedule(
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
  }
}
