import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@intake/events';
import { IdGenerator } from '@intake/platform';
import { chooseDuplicate, ContactChannel, contactLockKeys } from '../../domain/duplicate-matching';
import { Inquiry } from '../../domain/inquiry';
import { Lead } from '../../domain/lead';
import { LeadRepository } from '../../infrastructure/lead.repository';
import { toIntegrationEvent } from './lead-integration-events';

export interface CaptureResult {
  leadId: string;
  duplicate: boolean;
  matchedOn: ContactChannel[];
}

/**
 * Turns a valid consultation request into a lead, or attaches it to the person's open lead.
 * Runs inside the caller's transaction, so the lead, the submission and the events commit together.
 */
@Injectable()
export class CaptureLead {
  constructor(
    private readonly leads: LeadRepository,
    private readonly outbox: OutboxWriter,
    private readonly ids: IdGenerator,
  ) {}

  async capture(inquiry: Inquiry): Promise<CaptureResult> {
    await this.leads.lockKeys(contactLockKeys(inquiry.contact));
    const candidates = await this.leads.findOpenByContact(inquiry.contact);
    const existing = chooseDuplicate(
      candidates.map((lead) => ({ lead, ...lead.snapshot() })),
      inquiry.contact,
    )?.lead;

    const lead = existing ?? Lead.fromInquiry(this.ids.next(), inquiry);
    if (existing) {
      existing.attach(inquiry);
      await this.leads.update(existing);
    } else {
      await this.leads.insert(lead);
    }
    const events = lead.pullEvents();
    await this.outbox.append(events.map(toIntegrationEvent));
    const last = events[events.length - 1];
    return {
      leadId: lead.id,
      duplicate: existing !== undefined,
      matchedOn: last?.kind === 'resubmitted' ? last.matchedOn : [],
    };
  }
}
