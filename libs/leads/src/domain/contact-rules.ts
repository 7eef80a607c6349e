import type { FieldError } from '@intake/kernel';
import { DateTime, IANAZone } from 'luxon';
import {
  ContactAttemptChannel,
  ContactReceipt,
  QUIET_HOURS_RULES,
  QuietHoursRule,
} from './contact-attempt';
import { ConsentKind, CurrentConsent, isGranted, isWithdrawn } from './consent';
import {
  ContactConsentWithdrawnError,
  QuietHoursError,
  SmsConsentMissingError,
} from './lead-errors';
import { leadTimeZone } from './state-time-zones';

/** The clinic's rules for contacting people. */
export interface ContactRules {
  quietHours: QuietHoursRule;
  /** The zone used for a person whose state is unknown. */
  clinicTimeZone: string;
}

export const DEFAULT_CONTACT_RULES: ContactRules = Object.freeze({
  quietHours: 'warn',
  clinicTimeZone: 'America/New_York',
});

/** Calls and texts only between these local times (TCPA: not before 8 a.m. nor after 9 p.m.). */
const WINDOW_START_SECONDS = 8 * 3600;
const WINDOW_END_SECONDS = 21 * 3600;

export function contactRulesProblems(rules: ContactRules): FieldError[] {
  const problems: FieldError[] = [];
  if (!(QUIET_HOURS_RULES as readonly string[]).includes(rules.quietHours))
    problems.push({
      field: 'quietHours',
      message: `must be one of ${QUIET_HOURS_RULES.join(', ')}`,
    });
  if (typeof rules.clinicTimeZone !== 'string' || !IANAZone.isValidZone(rules.clinicTimeZone))
    problems.push({ field: 'clinicTimeZone', message: 'must be an IANA time zone' });
  return problems;
}

export interface ContactCheck {
  consent: CurrentConsent;
  rules: ContactRules;
  /** The person's email or phone is on the do-not-contact list (an erasure they asked for). */
  suppressed?: boolean;
}

/**
 * Whether an attempt on `channel` at `at` may be made to a person in `state`: refused after a
 * withdrawal of contact, SMS without current SMS consent, and calls or texts in quiet hours when
 * the clinic refuses them. Answers the receipt; a warning is `quietHours` true with rule `warn`.
 */
export function checkContact(
  channel: ContactAttemptChannel,
  at: Date,
  state: string | null,
  { consent, rules }: ContactCheck,
): ContactReceipt {
  const contact = consent.contact;
  if (contact !== null && isWithdrawn(consent, 'contact'))
    throw new ContactConsentWithdrawnError(contact.recordedAt);
  if (channel === 'sms' && !isGranted(consent, 'sms'))
    throw new SmsConsentMissingError(isWithdrawn(consent, 'sms'));

  const stateZone = leadTimeZone(state);
  const timeZone = stateZone ?? rules.clinicTimeZone;
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const seconds = local.hour * 3600 + local.minute * 60 + local.second;
  const quiet =
    channel === 'email' ? null : seconds < WINDOW_START_SECONDS || seconds > WINDOW_END_SECONDS;
  if (quiet && rules.quietHours === 'refuse')
    throw new QuietHoursError(local.toFormat('HH:mm'), timeZone);

  const consentKind: ConsentKind = channel === 'sms' ? 'sms' : 'contact';
  const relied = consent[consentKind];
  return {
    consentRecordId: relied?.id ?? null,
    consentKind,
    wordingVersion: relied?.wordingVersion ?? null,
    localTime: local.toISO({ suppressMilliseconds: true })!,
    timeZone,
    timeZoneFrom: stateZone ? 'state' : 'clinic',
    quietHours: quiet,
    quietHoursRule: rules.quietHours,
  };
}

/** The warning an attempt's answer carries, if any. */
export function quietHoursWarning(receipt: ContactReceipt | null): string | null {
  if (!receipt?.quietHours) return null;
  const local = DateTime.fromISO(receipt.localTime, { setZone: true }).toFormat('HH:mm');
  return `Quiet hours: it was ${local} for the person (${receipt.timeZone}${receipt.timeZoneFrom === 'clinic' ? ", the clinic's zone: their state is unknown" : ''}); calls and texts belong between 8:00 and 21:00 their time.`;
}
