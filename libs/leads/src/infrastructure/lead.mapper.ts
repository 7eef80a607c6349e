import type { BlindIndex, Sealer } from '@intake/platform';
import { Lead } from '../domain/lead';
import {
  DisqualificationReason,
  LeadPriority,
  LeadStatus,
  priorityRank,
} from '../domain/lead-status';
import { LeadProfile, sourceOf } from '../domain/inquiry';
import { LeadOrmEntity } from './lead.orm-entity';
import { leadIndexes, openLead, sealLead } from './lead-privacy';

/** `sealer`: the lead's data key; an erased lead's opens every personal field as null. */
export function toDomain(sealed: LeadOrmEntity, sealer: Sealer): Lead {
  const row = openLead(sealer, sealed);
  return Lead.restore({
    id: row.id,
    status: row.status as LeadStatus,
    statusReason: row.statusReason as DisqualificationReason | null,
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
      language: row.language,
      contactConsent: row.contactConsent,
      smsConsent: row.smsConsent,
    },
    firstTouch: reviveTouch(row.firstTouch),
    latestTouch: reviveTouch(row.latestTouch),
    formKey: row.formKey,
    ownerId: row.ownerId,
    submissionCount: row.submissionCount,
    contactAttemptCount: row.contactAttemptCount,
    firstContactAttemptAt: row.firstContactAttemptAt,
    firstReachedAt: row.firstReachedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastSubmittedAt: row.lastSubmittedAt,
    erasedAt: row.erasedAt,
    doNotContact: row.doNotContact,
  });
}

export function toOrm(lead: Lead, sealer: Sealer, blind: BlindIndex): LeadOrmEntity {
  const s = lead.snapshot();
  const personal = {
    firstName: s.profile.firstName,
    lastName: s.profile.lastName,
    email: s.contact.email,
    phone: s.contact.phone,
    bestTimeToContact: s.profile.bestTimeToContact,
    howDidYouHear: s.profile.howDidYouHear,
  };
  return Object.assign(new LeadOrmEntity(), {
    id: s.id,
    status: s.status,
    statusReason: s.statusReason,
    priority: s.priority,
    priorityRank: priorityRank(s.priority),
    crisisFlag: s.crisisFlag,
    ...s.profile,
    ...sealLead(sealer, s.id, personal),
    ...(sealer.erased
      ? { emailIndex: null, phoneIndex: null, nameIndex: [] }
      : leadIndexes(blind, personal)),
    source: sourceOf(s.firstTouch),
    firstTouch: s.firstTouch,
    latestTouch: s.latestTouch,
    formKey: s.formKey,
    ownerId: s.ownerId,
    submissionCount: s.submissionCount,
    contactAttemptCount: s.contactAttemptCount,
    firstContactAttemptAt: s.firstContactAttemptAt,
    firstReachedAt: s.firstReachedAt,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    lastSubmittedAt: s.lastSubmittedAt,
    erasedAt: s.erasedAt,
    doNotContact: s.doNotContact,
  });
}

// jsonb gives the touch's time back as a string.
function reviveTouch(touch: LeadOrmEntity['firstTouch']) {
  return { ...touch, at: new Date(touch.at) };
}
