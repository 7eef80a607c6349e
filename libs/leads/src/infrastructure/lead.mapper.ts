import { Lead } from '../domain/lead';
import { LeadPriority, LeadStatus } from '../domain/lead-status';
import { LeadProfile } from '../domain/inquiry';
import { LeadOrmEntity } from './lead.orm-entity';

export function toDomain(row: LeadOrmEntity): Lead {
  return Lead.restore({
    id: row.id,
    status: row.status as LeadStatus,
    priority: row.priority as LeadPriority,
    crisisFlag: row.crisisFlag,
    contact: { email: row.email, phone: row.phone },
    profile: {
      firstName: row.firstName,
      lastName: row.lastName,
      preferredContact: row.preferredContact as LeadProfile['preferredContact'],
      bestTimeToContact: row.bestTimeToContact,
      state: row.state,
      interest: row.interest,
      howDidYouHear: row.howDidYouHear,
      contactConsent: row.contactConsent,
      smsConsent: row.smsConsent,
    },
    firstTouch: reviveTouch(row.firstTouch),
    latestTouch: reviveTouch(row.latestTouch),
    formKey: row.formKey,
    ownerId: row.ownerId,
    submissionCount: row.submissionCount,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastSubmittedAt: row.lastSubmittedAt,
  });
}

export function toOrm(lead: Lead): LeadOrmEntity {
  const s = lead.snapshot();
  return Object.assign(new LeadOrmEntity(), {
    id: s.id,
    status: s.status,
    priority: s.priority,
    crisisFlag: s.crisisFlag,
    email: s.contact.email,
    phone: s.contact.phone,
    ...s.profile,
    firstTouch: s.firstTouch,
    latestTouch: s.latestTouch,
    formKey: s.formKey,
    ownerId: s.ownerId,
    submissionCount: s.submissionCount,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    lastSubmittedAt: s.lastSubmittedAt,
  });
}

// jsonb gives the touch's time back as a string.
function reviveTouch(touch: LeadOrmEntity['firstTouch']) {
  return { ...touch, at: new Date(touch.at) };
}
