import { Injectable } from '@nestjs/common';
import { StaffDirectory } from '@intake/access';
import { OutboxWriter, PublishedEvent } from '@intake/events';
import { Clock, IdGenerator } from '@intake/platform';
import { LeadCrisisClock } from '@intake/leads';
import { firstContact, openPage, secondsSinceSubmission } from '../../domain/crisis/crisis-page';
import { onCallAt, pagingOrder } from '../../domain/crisis/on-call-rotation';
import { CrisisPageRepository } from '../../infrastructure/crisis-page.repository';
import { OnCallSettingsRepository } from '../../infrastructure/on-call-settings.repository';
import { EventReaction, ReceivedEvent } from '../react-to-events/event-reaction';
import { crisisPaged } from './crisis-events';
import { CrisisPaging } from './crisis-paging';

/**
 * Opens a crisis page when a request with crisis language arrives: a new lead flagged at
 * submission, or a later request that flagged a known lead (an automatic priority change that
 * sets the flag; a person setting it by hand is already with the lead). One open page per lead:
 * while one is open, another request joins it. A lead's first contact attempt after its request
 * stops the crisis clock's second figure, on the lead's history.
 */
@Injectable()
export class CrisisPager implements EventReaction {
  readonly name = 'crisis';

  constructor(
    private readonly pages: CrisisPageRepository,
    private readonly onCall: OnCallSettingsRepository,
    private readonly staff: StaffDirectory,
    private readonly paging: CrisisPaging,
    private readonly outbox: OutboxWriter,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly crisisClock: LeadCrisisClock,
  ) {}

  async react(event: ReceivedEvent): Promise<void> {
    if (event.type === 'intake.lead.contact_attempted.v1') {
      await this.recordFirstContact(
        event.payload as PublishedEvent<'intake.lead.contact_attempted.v1'>,
      );
      return;
    }
    const trigger = crisisTrigger(event);
    if (!trigger || (await this.pages.hasOpenPage(trigger.leadId))) return;
    const settings = await this.onCall.get();
    const now = this.clock.now();
    const named = [onCallAt(settings, now), ...settings.escalation].filter(
      (id): id is string => id !== null,
    );
    const available = await this.staff.assignableAmong(named);
    const page = openPage({
      id: this.ids.next(),
      leadId: trigger.leadId,
      order: pagingOrder(settings, now, available),
      submittedAt: trigger.submittedAt,
      now,
      ackTimeoutMinutes: settings.ackTimeoutMinutes,
    });
    await this.pages.insert(page);
    await this.paging.page(page);
    await this.outbox.append([crisisPaged(page)]);
  }

  /** The crisis clock's second figure: request to the first contact attempt after it, 24/7. */
  private async recordFirstContact(
    attempt: PublishedEvent<'intake.lead.contact_attempted.v1'>,
  ): Promise<void> {
    const page = await this.pages.latestOfLead(attempt.leadId);
    const at = new Date(attempt.attemptedAt);
    const contacted = page && firstContact(page, at);
    if (!contacted) return;
    await this.pages.update(contacted);
    await this.crisisClock.record({
      leadId: contacted.leadId,
      pageId: contacted.id,
      kind: 'first_contact',
      seconds: secondsSinceSubmission(contacted, at),
      actorId: attempt.actorId,
      at,
    });
  }
}

/** The lead and when the request with crisis language came, if this event is one. */
function crisisTrigger(event: ReceivedEvent): { leadId: string; submittedAt: Date } | null {
  if (event.type === 'intake.lead.submitted.v1') {
    const submitted = event.payload as PublishedEvent<'intake.lead.submitted.v1'>;
    if (!submitted.crisisFlag) return null;
    return { leadId: submitted.leadId, submittedAt: new Date(submitted.submittedAt) };
  }
  if (event.type === 'intake.lead.priority_changed.v1') {
    // Made urgent with the flag by a later request (no actor), not by a person already looking
    // at the lead. The event does not say whether the flag was set before; an open page absorbs
    // repeats, and an automatic raise to urgent of a crisis lead nobody has acknowledged since
    // deserves a page too.
    const changed = event.payload as PublishedEvent<'intake.lead.priority_changed.v1'>;
    if (!changed.crisisFlag || changed.actorId !== null || changed.to !== 'urgent') return null;
    return { leadId: changed.leadId, submittedAt: new Date(changed.changedAt) };
  }
  return null;
}
