/**
 * What a person may agree to: being contacted about their request, texts, marketing email.
 * Intake's form grants them, leads keeps the ledger: the words both contexts use.
 */
export const CONSENT_KINDS = ['contact', 'sms', 'email_marketing'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
