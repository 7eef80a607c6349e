import type { Actor } from '@intake/access';
import { attributionV1 } from '@intake/events';
import type { Touch } from '../../domain/inquiry';
import { maskEmail, maskPhone, maskText } from '../../domain/masking';
import type { LeadRow } from '../../infrastructure/lead-read-model';

export interface StaffRef {
  id: string;
  name: string | null;
}

export type LeadView = Omit<LeadRow, 'ownerId'> & { owner: StaffRef | null; masked: boolean };

export function staffRef(id: string | null, names: Map<string, string>): StaffRef | null {
  return id === null ? null : { id, name: names.get(id) ?? null };
}

/**
 * The lead as this caller may see it: viewers get email and phone masked, the free text people
 * type (best time to call, how they heard of the clinic: often a phone number or a name) hidden,
 * and touches cut the way events cut them (a landing page's query string can carry an email).
 */
export function leadView(row: LeadRow, names: Map<string, string>, actor: Actor): LeadView {
  const { ownerId, ...rest } = row;
  const masked = !actor.can('leads:read_contact');
  return {
    ...rest,
    email: masked ? maskEmail(row.email) : row.email,
    phone: masked ? maskPhone(row.phone) : row.phone,
    bestTimeToContact: masked ? maskText(row.bestTimeToContact) : row.bestTimeToContact,
    howDidYouHear: masked ? maskText(row.howDidYouHear) : row.howDidYouHear,
    firstTouch: masked ? safeTouch(row.firstTouch) : row.firstTouch,
    latestTouch: masked ? safeTouch(row.latestTouch) : row.latestTouch,
    owner: staffRef(ownerId, names),
    masked,
  };
}

function safeTouch(touch: Touch): Touch {
  return { ...touch, ...attributionV1(touch) };
}
