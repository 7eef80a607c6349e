import { attributionV1, IntegrationEvent, integrationEvent } from '@intake/events';
import { LeadEvent } from '../../domain/lead';

export const LEADS_SOURCE = '/intake/leads';

/** Domain events to their published contracts; only ids, codes, states and flags go out. */
export function toIntegrationEvent(event: LeadEvent): IntegrationEvent {
  const lead = event.lead;
  const common = {
    key: lead.id,
    subject: lead.id,
    source: LEADS_SOURCE,
    occurredAt: event.inquiry.receivedAt,
  };
  switch (event.kind) {
    case 'submitted':
      return integrationEvent('intake.lead.submitted.v1', {
        ...common,
        data: {
          leadId: lead.id,
          submissionId: event.inquiry.submissionId,
          formKey: event.inquiry.formKey,
          submittedAt: event.inquiry.receivedAt.toISOString(),
          status: lead.status,
          priority: lead.priority,
          crisisFlag: lead.crisisFlag,
          state: lead.profile.state,
          interest: lead.profile.interest,
          preferredContact: lead.profile.preferredContact,
          hasEmail: lead.contact.email !== null,
          hasPhone: lead.contact.phone !== null,
          contactConsent: lead.profile.contactConsent,
          smsConsent: lead.profile.smsConsent,
          attribution: attributionV1(event.inquiry.touch),
        },
      });
    case 'resubmitted':
      return integrationEvent('intake.lead.resubmitted.v1', {
        ...common,
        data: {
          leadId: lead.id,
          submissionId: event.inquiry.submissionId,
          formKey: event.inquiry.formKey,
          submittedAt: event.inquiry.receivedAt.toISOString(),
          matchedOn: event.matchedOn,
          submissionCount: lead.submissionCount,
          status: lead.status,
          interest: event.inquiry.profile.interest,
          attribution: attributionV1(event.inquiry.touch),
        },
      });
  }
}
