import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  LeadChangeSubscriber,
  LeadEvent,
  LeadReactions,
  LeadStatus,
  OPEN_STATUSES,
} from '@intake/leads';
import { RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { FollowUpPlanner } from '../plan-follow-ups/follow-up-planner';

type AssignedEvent = Extract<LeadEvent, { kind: 'assigned' }>;

/** Statuses in which the person is still being tried. */
const REACHING: readonly LeadStatus[] = ['new', 'attempting_contact'];

/**
 * Scheduling's side of every lead change, in the same transaction: a new lead joins the routing
 * queue, an owner gets the follow-up, an attempt moves the cadence on, a closed lead stops it.
 * Declared where a process is composed (`LeadReactionsModule.forRoot([SchedulingReactions])`);
 * a process that loads scheduling without declaring it does not start.
 */
@Injectable()
export class SchedulingReactions implements LeadChangeSubscriber, OnModuleInit {
  constructor(
    private readonly reactions: LeadReactions,
    private readonly queue: RoutingQueueRepository,
    private readonly planner: FollowUpPlanner,
  ) {}

  onModuleInit(): void {
    if (!this.reactions.declares(SchedulingReactions)) {
      throw new Error(
        'SchedulingModule is loaded but SchedulingReactions is not declared: lead changes here ' +
          'would create no follow-ups. Add it to LeadReactionsModule.forRoot([...]).',
      );
    }
  }

  async onLeadChanged(events: readonly LeadEvent[]): Promise<void> {
    // Leads assigned one after another (a routing batch) are taken off the queue and given their
    // follow-ups together; every other event in its turn.
    let assigned: AssignedEvent[] = [];
    for (const event of events) {
      if (event.kind === 'assigned') {
        assigned.push(event);
        continue;
      }
      await this.assigned(assigned);
      assigned = [];
      await this.react(event);
    }
    await this.assigned(assigned);
  }

  private async assigned(events: readonly AssignedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.queue.removeMany(events.map((e) => e.lead.id));
    const open = events.filter((e) => OPEN_STATUSES.includes(e.lead.status));
    // Each at its own time, as they happened (a batch's share one).
    for (const at of new Set(open.map((e) => e.at.getTime()))) {
      const leads = open.filter((e) => e.at.getTime() === at).map((e) => e.lead);
      await this.planner.afterAssignments(leads, new Date(at), 'assignment');
    }
  }

  private async react(event: LeadEvent): Promise<void> {
    const { lead, at } = event;
    switch (event.kind) {
      case 'submitted':
        return this.queue.enqueue(lead.id, at, 'new', at);
      case 'contact_attempted':
        return this.planner.afterAttempt(event);
      case 'status_changed': {
        const wasOpen = OPEN_STATUSES.includes(event.from);
        const isOpen = OPEN_STATUSES.includes(event.to);
        if (wasOpen && !isOpen) {
          await this.queue.remove(lead.id);
          await this.planner.afterClose(lead.id, at);
        } else if (!wasOpen && isOpen) {
          await this.queue.enqueue(lead.id, at, 'reopened', at);
        } else if (isOpen && !REACHING.includes(event.to)) {
          await this.planner.afterReached(lead.id, at);
        }
        return;
      }
      case 'priority_changed':
        await this.planner.afterPriorityChange(lead);
        // An urgent lead still waiting for an owner is routed now, by escalation if need be.
        if (event.to === 'urgent') await this.queue.expedite(lead.id, at);
        return;
      default:
        return;
    }
  }
}
