import { Injectable } from '@nestjs/common';
import { Alerts } from '../send-alerts/alerts';
import { CrisisPageState } from '../../domain/crisis/crisis-page';

/** The alert link: the lead in the console, which offers to acknowledge this page. */
export function crisisLink(page: CrisisPageState): string {
  return `/console/leads/${page.leadId}?ack=${page.id}`;
}

/**
 * Queues the page for the current step: the person it names, or every admin when the order is
 * empty. `page` urgency: every channel at once, through quiet hours, never in a digest. The title
 * says what happened and nothing about the person or their request.
 */
@Injectable()
export class CrisisPaging {
  constructor(private readonly alerts: Alerts) {}

  async page(page: CrisisPageState): Promise<void> {
    await this.alerts.send({
      kind: 'crisis_page',
      to: page.pagedStaffId ? { staffIds: [page.pagedStaffId] } : { admins: true },
      dedupeKey: `crisis:${page.id}:${page.step}`,
      title:
        page.step === 0
          ? 'Crisis page: a new request needs a person now — open in Intake and acknowledge'
          : 'Crisis page escalated to you: nobody has acknowledged yet — open in Intake and acknowledge',
      link: crisisLink(page),
      leadId: page.leadId,
      urgency: 'page',
    });
  }
}
