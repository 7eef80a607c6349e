import { Injectable } from '@nestjs/common';
import { IdGenerator } from '@intake/platform';
import { chooseDuplicate } from '../../domain/duplicate-matching';
import { Inquiry } from '../../domain/inquiry';
import { Lead } from '../../domain/lead';
import { LeadRecordsRepository } from '../../infrastructure/lead-records.repository';
import { LeadRepository } from '../../infrastructure/lead.repository';
import { ContactSuppressions } from '../../infrastructure/contact-suppressions';
import { LeadChanges } from '../write-lead/lead-changes';

export interface CaptureResult {
  leadId: string;
  /** Attached to the person's open lead rather than a new one. */
  duplicate: boolean;
}

/**
 * Turns a valid consultation request into a lead, or attaches it to the person's open lead (an
 * email or phone it brings that the lead lacks waits for staff to confirm).
 * Runs inside the caller's transaction, so the lead, the submission, its history and its events
 * commit together.
 */
@Injectable()
export class CaptureLead {
  constructor(
    private readonly leads: LeadRepository,
    private readonly changes: LeadChanges,
    private readonly records: LeadRecordsRepository,
    private readonly ids: IdGenerator,
    private readonly suppressions: ContactSuppressions,
  ) {}

  async capture(inquiry: Inquiry): Promise<CaptureResult> {
    await this.leads.lockContact(inquiry.contact);
    const candidates = await this.leads.findOpenByContact(inquiry.contact);
    const existing = chooseDuplicate(
      candidates.map((lead) => ({ lead, ...lead.snapshot() })),
      inquiry.contact,
    )?.lead;
    const before = existing?.snapshot() ?? null;
    // A suppressed person still gets a lead (the answer tells a stranger nothing), marked so
    // that nobody contacts them.
    const lead =
      existing ??
      Lead.fromInquiry(
        this.ids.next(),
        inquiry,
        await this.suppressions.isSuppressed(inquiry.contact),
      );
    if (existing) {
      existing.attach(inquiry);
      await this.leads.update(existing);
    } else {
      await this.leads.insert(lead);
    }
    const events = lead.pullEvents();
    await this.changes.record(before, lead.snapshot(), events, null);
    const resubmitted = events.find((e) => e.kind === 'resubmitted');
    if (resubmitted?.kind === 'resubmitted') {
      await this.records.addContactsToConfirm(
        resubmitted.toConfirm.map((channel) => ({
          id: this.ids.next(),
          leadId: lead.id,
          channel,
          value: inquiry.contact[channel]!,
          submissionId: inquiry.submissionId,
          receivedAt: inquiry.receivedAt,
        })),
      );
    }
    return { leadId: lead.id, duplicate: existing !== undefined };
  }
}
