import { Injectable } from '@nestjs/common';
import { Alerts } from '../send-alerts/alerts';
import { ALERTING_TYPES, alertsFor } from './alert-rules';
import { LeadFactsReader } from '../../infrastructure/lead-facts.reader';
import type { EventReaction, ReceivedEvent } from '../react-to-events/event-reaction';

/**
 * Alerts to staff about their leads: assigned to me, escalated to me, my follow-up due or
 * overdue, and (to admins) a lead waiting with nobody available. Queued only; the deliverer
 * sends them after the commit.
 */
@Injectable()
export class AlertRules implements EventReaction {
  readonly name = 'alerts';

  constructor(
    private readonly alerts: Alerts,
    private readonly leads: LeadFactsReader,
  ) {}

  async react(event: ReceivedEvent): Promise<void> {
    if (!ALERTING_TYPES.has(event.type) || !event.payload.leadId) return;
    const facts = await this.leads.factsOf(event.payload.leadId);
    for (const request of alertsFor(event.type, event.payload, facts)) {
      await this.alerts.send(request);
    }
  }
}
