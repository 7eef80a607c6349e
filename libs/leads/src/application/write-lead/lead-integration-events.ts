import { attributionV1, IntegrationEvent, integrationEvent } from '@intake/events';
import { LeadEvent } from '../../domain/lead';

export const LEADS_SOURCE = '/intake/leads';

/**
 * Domain events to their published contracts; only ids, codes, states and flags go out. A
 * confirmed contact detail changes nothing a consumer may know, so it is not published; nor is a
 * consent box ticked on the form apart from the submission that ticked it.
 */
export function toIntegrationEvents(events: LeadEvent[]): IntegrationEvent[] {
  return events.flatMap((event) => toIntegrationEvent(event) ?? []);
}

function toIntegrationEvent(event: LeadEvent): IntegrationEvent | null {
  const lead = event.lead;
  const common = { key: lead.id, subject: lead.id, source: LEADS_SOURCE, occurredAt: event.at };
  const at = event.at.toISOString();
  switch (event.kind) {
    case 'contact_confirmed':
      return null;
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
          language: lead.profile.language,
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
    case 'status_changed':
      return integrationEvent('intake.lead.status_changed.v1', {
        ...common,
        data: {
          leadId: lead.id,
          from: event.from,
          to: event.to,
          reason: event.reason,
          actorId: event.actorId,
          changedAt: at,
        },
      });
    case 'contact_attempted':
      return integrationEvent('intake.lead.contact_attempted.v1', {
        ...common,
        data: {
          leadId: lead.id,
          attemptId: event.attempt.id,
          attemptNumber: event.attempt.attemptNumber,
          channel: event.attempt.channel,
          outcome: event.attempt.outcome,
          secondsSinceSubmission: event.secondsSinceSubmission,
          callbackScheduled: event.attempt.callbackAt !== null,
          status: event.statusAfter,
          actorId: event.attempt.actorId,
          attemptedAt: at,
        },
      });
    case 'assigned':
      return integrationEvent('intake.lead.assigned.v1', {
        ...common,
        data: {
          leadId: lead.id,
          ownerId: event.ownerId,
          previousOwnerId: event.previousOwnerId,
          reason: event.reason,
          decisionId: event.basis?.decisionId ?? null,
          ruleId: event.basis?.ruleId ?? null,
          poolId: event.basis?.poolId ?? null,
          strategy: event.basis?.strategy ?? null,
          actorId: event.actorId,
          assignedAt: at,
        },
      });
    case 'unassignable':
      return integrationEvent('intake.lead.unassignable.v1', {
        ...common,
        data: {
          leadId: lead.id,
          cause: event.cause,
          priority: lead.priority,
          nextAttemptAt: event.nextAttemptAt?.toISOString() ?? null,
          decisionId: event.basis.decisionId,
          ruleId: event.basis.ruleId,
          poolId: event.basis.poolId,
          skippedCount: event.basis.skipped.length,
          decidedAt: at,
        },
      });
    case 'consent_recorded':
      // A form's boxes go out on lead.submitted (contactConsent, smsConsent): every accepted
      // request ticks the contact box, so a grant event each would double the topic's volume.
      if (event.record.source === 'form') return null;
      return integrationEvent(
        event.record.action === 'granted'
          ? 'intake.consent.granted.v1'
          : 'intake.consent.withdrawn.v1',
        {
          ...common,
          data: {
            leadId: lead.id,
            consentId: event.record.id,
            kind: event.record.kind,
            source: event.record.source,
            wordingVersion: event.record.wordingVersion,
            recordedBy: event.record.recordedBy,
            recordedAt: event.record.recordedAt.toISOString(),
          },
        },
      );
    case 'erased':
      return leadErasedEvent(
        { leadId: lead.id, cause: 'request', erasureId: event.erasureId },
        event.at,
      );
    case 'priority_changed':
      return integrationEvent('intake.lead.priority_changed.v1', {
        ...common,
        data: {
          leadId: lead.id,
          from: event.from,
          to: event.to,
          crisisFlag: event.crisisFlag,
          actorId: event.actorId,
          changedAt: at,
        },
      });
  }
}

/** `lead.erased`: ids and a time only, for an erasure (`request`) or for retention. */
export function leadErasedEvent(
  erased: { leadId: string; cause: 'request' | 'retention'; erasureId: string | null },
  at: Date,
): IntegrationEvent {
  return integrationEvent('intake.lead.erased.v1', {
    key: erased.leadId,
    subject: erased.leadId,
    source: LEADS_SOURCE,
    occurredAt: at,
    data: { ...erased, erasedAt: at.toISOString() },
  });
}
