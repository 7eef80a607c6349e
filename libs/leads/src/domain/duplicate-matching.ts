import { ContactDetails } from './inquiry';

export const MATCHING_CHANNELS = ['email', 'phone'] as const;
export type ContactChannel = (typeof MATCHING_CHANNELS)[number];

export function matchedChannels(lead: ContactDetails, contact: ContactDetails): ContactChannel[] {
  const channels: ContactChannel[] = [];
  if (contact.email && lead.email === contact.email) channels.push('email');
  if (contact.phone && lead.phone === contact.phone) channels.push('phone');
  return channels;
}

interface Candidate {
  contact: ContactDetails;
  lastSubmittedAt: Date;
}

/** The open lead a submission belongs to: the one matching most channels, then the most recent. */
export function chooseDuplicate<T extends Candidate>(
  candidates: T[],
  contact: ContactDetails,
): T | null {
  let best: T | null = null;
  let bestScore = 0;
  for (const candidate of candidates) {
    const score = matchedChannels(candidate.contact, contact).length;
    if (score === 0) continue;
    if (
      score > bestScore ||
      (score === bestScore && best !== null && candidate.lastSubmittedAt > best.lastSubmittedAt)
    ) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
