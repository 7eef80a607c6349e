import { ContactDetails, LeadProfile, Touch } from './inquiry';
import { DisqualificationReason, LeadPriority, LeadStatus } from './lead-status';

/** The lead as stored; the aggregate in lead.ts changes it, and each event carries a copy. */
export interface LeadState {
  id: string;
  status: LeadStatus;
  statusReason: DisqualificationReason | null;
  priority: LeadPriority;
  crisisFlag: boolean;
  contact: ContactDetails;
  profile: LeadProfile;
  firstTouch: Touch;
  latestTouch: Touch;
  formKey: string;
  ownerId: string | null;
  submissionCount: number;
  contactAttemptCount: number;
  firstContactAttemptAt: Date | null;
  firstReachedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  lastSubmittedAt: Date;
  /** When the lead was de-identified (an erasure, or retention); null while it is whole. */
  erasedAt: Date | null;
  /** The person asked not to be contacted again (a suppression matched): attempts are refused. */
  doNotContact: boolean;
}

/** first_name is required: an erased lead keeps an empty one, which the API shows as null. */
export const ERASED_NAME = '';

/** What an erasure leaves of the profile: the figures, without names or the person's words. */
export function erasedProfile(profile: LeadProfile): LeadProfile {
  return {
    ...profile,
    firstName: ERASED_NAME,
    lastName: null,
    bestTimeToContact: null,
    howDidYouHear: null,
  };
}
